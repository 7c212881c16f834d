"""Tỉnh Mẫu's onestop plugin (an example; its data is illustrative)."""
