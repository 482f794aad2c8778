"""discord.py extensions: they translate interactions to core calls and core events to messages."""
