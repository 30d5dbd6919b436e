"""Processing provider ``herzlich_digital``: the plugin's public, scriptable face."""
