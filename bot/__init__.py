"""sdxl-bot: Stable Diffusion XL on Replicate, for Discord communities."""

__version__ = "0.1.0"
