"""Plugin plumbing shared by every capability: settings, logging, network, translation, paths."""
