from . import test_me
