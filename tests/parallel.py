"""Run the same request from several threads at once, each with its own database connection
(PostgreSQL, so the tests need `transactional_db`)."""

import threading

from django.db import connection
from django.test import Client


def in_parallel(count: int, action) -> list:
    """`action(index)` in `count` threads released together; its results, or the exception
    each raised, in thread order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = action(index)
        except Exception as exc:  # handed back to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def logged_in(user) -> Client:
    # raise_request_exception=False: a crash must come back as the 500 a user would see.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client
