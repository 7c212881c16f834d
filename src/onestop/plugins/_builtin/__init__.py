"""The built-in plugins, registered like any province's: national data, stores, signer, portal."""

__all__: list[str] = []
