"""The one error type of panorama image handling; its message is translated and meant for the user."""


class ImageError(Exception):
    """A panorama image cannot be found, fetched or decoded.

    ``reason`` is a stable keyword for code and tests: no_uri, missing, outside_root, no_folder, unsupported,
    http, timeout, network, corrupt, truncated, too_large, resolver (a registered image resolver failed).
    """

    def __init__(self, message: str, reason: str = "", status=None):
        super().__init__(message)
        self.reason = reason
        self.status = status
