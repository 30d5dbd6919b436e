"""Widgets, dialogs and map tools. Nothing outside gui/ and plugin.py imports from here."""
