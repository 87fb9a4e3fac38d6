"""One module per Processing algorithm; each is listed in ``provider.registry``."""
