"""The city's sign register (Verkehrszeichenkataster): import, comparison with a campaign, export."""
