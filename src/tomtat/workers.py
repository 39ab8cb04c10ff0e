"""Worker-process setup shared by the batch runner's process pool and the HTTP server's.

Lives outside both so that neither shell imports the other: `tomtat.batch`
and `tomtat.server` each start their pools with `worker_init`.
"""

from __future__ import annotations

WARM_UP_TITLE = "Hà Nội khai trương tuyến xe buýt điện"
WARM_UP_TEXT = (
    "Thành phố Hà Nội hôm nay khai trương tuyến xe buýt điện mới nối trung tâm với sân bay Nội Bài.\n"
    "Tuyến xe chạy mỗi 15 phút một chuyến, giá vé 45.000 đồng mỗi lượt."
)


def warm_up() -> None:
    """Import the pipeline and load the shipped model once, so the first real request is not slow."""
    from tomtat.pipeline import summarize

    try:
        summarize([{"title": WARM_UP_TITLE, "text": WARM_UP_TEXT}], words=30)
    except Exception:  # noqa: BLE001  (warming up is best effort)
        pass


def worker_init() -> None:
    """Process-pool initializer for the batch runner and the HTTP server.

    - Ctrl-C is left to the parent (no traceback per worker); SIGTERM gets its
      default action back (a forked worker inherits the server's handler, which
      would otherwise make it ignore SIGTERM and outlive the server).
    - On Linux the worker also dies with its parent, even a SIGKILLed one.
    - One BLAS thread per worker: the pool already uses every core.
    - Then the models are loaded once.
    """
    import os
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before prctl took effect
                os._exit(0)
        except Exception:  # noqa: BLE001  (best effort)
            pass
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:  # noqa: BLE001  (threadpoolctl comes with scikit-learn; best effort)
        pass
    warm_up()
