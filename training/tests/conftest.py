import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache (common.cache) lives in local memory across tests: start each from empty.
    cache.clear()
    yield
    cache.clear()


