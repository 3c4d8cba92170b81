"""Run one task per file in a pool of forked worker processes, so one hostile file cannot take
the batch down: a hang is killed at its deadline, a crash or an out-of-memory kill fails only its
own task, and every task comes back exactly once.

Workers are forked (not spawned): they inherit `worker_fn` and the task list, so neither needs to
be picklable and starting a worker costs milliseconds; they are reused across tasks and replaced
only when one is killed, dies, or is recycled (after a MemoryError, after growing too large, or
after `max_tasks_per_worker` tasks). Only a task's index goes to a worker; only its (small,
picklable) result comes back.

Caveat of fork: call this from a process without other busy threads (a lock held by another
thread at fork time stays locked in the worker).
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar, Union

from ..errors import ComplianceError, UnreadableDocument

T = TypeVar("T")
R = TypeVar("R")

KINDS = ("timeout", "crashed", "memory", "unreadable", "error", "internal")


@dataclass(frozen=True)
class Failure:
    """Why a task produced no result. kind is one of KINDS."""

    reason_zh: str
    reason_en: str
    kind: str


Outcome = Union[R, Failure]  # noqa: UP007  (a generic alias: `R | Failure` fails at run time on 3.10)


def _call(worker_fn: Callable[[T], R], task: T) -> R | Failure:
    """Run one task; every exception becomes a Failure (KeyboardInterrupt is the user's: re-raised)."""
    try:
        return worker_fn(task)
    except ImportError as error:
        # A module missing from the installation fails every file alike: it is the caller's to
        # stop the run with one message, not a reason to call each document unreadable.
        detail = f"{type(error).__name__}: {error}"[:300]
        return Failure(f"安装不完整：{detail}", f"incomplete installation: {detail}", "internal")
    except MemoryError:
        return Failure("处理该文件所需内存超出限制", "processing the file needs more memory than allowed", "memory")
    except UnreadableDocument as error:
        return Failure(error.message_zh, error.message_en, "unreadable")
    except ComplianceError as error:
        return Failure(error.message_zh, error.message_en, "error")
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # SystemExit and any bug in worker_fn: report, never crash the batch
        detail = f"{type(error).__name__}: {error}"[:300]
        return Failure(f"内部错误：{detail}", f"internal error: {detail}", "error")


def _vm_bytes(field: str) -> int:
    """VmSize/VmRSS of this process from /proc (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(budget: int) -> None:
    """Cap this worker's address space at what it inherited plus `budget` bytes.

    The forked worker starts with the parent's whole address space (libraries, numpy arenas), which
    can already exceed a fixed cap; a cap on top of that baseline is what the budget means.
    """
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_bytes("VmSize") + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this worker if the parent dies, even while the worker is busy in a loop."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def _worker_main(conn: Connection, others: list[Connection], parent: int, worker_fn: Callable[[T], R], tasks: list[T],
                 memory_bytes: int | None, max_tasks: int) -> None:
    """Body of a worker process: answer (index, outcome, retire) for each index received."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent while forking
        try:
            os.setpgid(0, 0)  # own process group, so a kill also reaches anything the task started
        except OSError:
            pass
        _die_with_parent(parent)
        for other in others:  # siblings' pipe ends: each worker must see EOF when the parent goes
            other.close()
        if memory_bytes is not None:
            _limit_memory(memory_bytes)
        grow_limit = _vm_bytes("VmRSS") + memory_bytes // 2 if memory_bytes else None
        for done in range(1, max_tasks + 1):
            try:
                index = conn.recv()
            except (EOFError, OSError):
                break
            if index is None:
                break
            outcome = _call(worker_fn, tasks[index])
            # Recycle a worker whose heap has grown (fragmentation, caches) or that hit MemoryError.
            retire = (done == max_tasks or (isinstance(outcome, Failure) and outcome.kind == "memory")
                      or (grow_limit is not None and _vm_bytes("VmRSS") > grow_limit))
            try:
                conn.send((index, outcome, retire))
            except Exception as error:  # an unpicklable or oversized result
                detail = f"{type(error).__name__}: {error}"[:200]
                conn.send((index, Failure(f"结果无法传回：{detail}", f"result could not be sent back: {detail}", "error"), True))
                break
            if retire:
                break
    finally:
        os._exit(0)  # never run the parent's cleanup (pytest, atexit) in a forked child


class _Worker(Generic[T]):
    def __init__(self, ctx: mp.context.ForkContext, others: list[Connection], args: tuple) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, others, os.getpid(), *args), daemon=True)
        # Ctrl-C is held back while forking: a KeyboardInterrupt between fork and the bookkeeping
        # would leave a worker nobody knows about (and so nobody reaps).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.process.start()
            try:  # set here too, not only in the child, so a kill right after start finds the group
                os.setpgid(self.process.pid, self.process.pid)  # type: ignore[arg-type]
            except OSError:
                pass
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child.close()  # only the worker holds its end, so its death shows as EOF here
        self.index: int | None = None
        self.deadline = float("inf")

    def kill(self) -> None:
        """SIGKILL the worker's process group: the worker and whatever it started (a converter, say)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        except (ProcessLookupError, PermissionError):
            self.process.kill()

    def assign(self, index: int, timeout: float) -> None:
        self.index, self.deadline = index, time.monotonic() + timeout
        try:
            self.conn.send(index)
        except OSError:  # the worker is already gone: _collect reports the task as crashed
            self.deadline = time.monotonic()

    def stop(self, kill: bool) -> None:
        """End the process and reap it, so no zombie remains."""
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        self.process.join()
        self.conn.close()


def _death_failure(exitcode: int | None) -> Failure:
    if exitcode == -signal.SIGKILL:
        return Failure("处理进程被系统终止（很可能是内存耗尽）", "the worker was killed by the system (most likely out of memory)", "memory")
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        return Failure(f"处理进程崩溃（信号 {name}）", f"the worker crashed (signal {name})", "crashed")
    return Failure(f"处理进程意外退出（退出码 {exitcode}）", f"the worker exited unexpectedly (exit code {exitcode})", "crashed")


class IsolatedRun(Iterator[tuple[int, T, R | Failure]]):
    """The iterator run_isolated returns; also a context manager that stops the workers on exit.

    Ctrl-C while the run waits for workers stops them at once. An exception raised by the caller
    *between* two results (the loop body) stops them when the run is closed: use
    `with run_isolated(...) as results:` (or call close()) rather than waiting for garbage collection.
    """

    def __init__(self, steps: Iterator[tuple[int, T, R | Failure]]) -> None:
        self._steps = steps

    def __iter__(self) -> IsolatedRun[T, R]:
        return self

    def __next__(self) -> tuple[int, T, R | Failure]:
        return next(self._steps)

    def close(self) -> None:
        close = getattr(self._steps, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> IsolatedRun[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_isolated(tasks: Iterable[T], worker_fn: Callable[[T], R], *, jobs: int = 1, timeout: float = 60.0,
                 memory_bytes: int | None = None, isolate: bool = True,
                 max_tasks_per_worker: int = 1000) -> IsolatedRun[T, R]:
    """Yield (index, task, result-or-Failure) for every task, exactly once, in completion order.

    Sort by index for a deterministic report. `timeout` is wall-clock seconds per task; a task
    past it has its worker SIGKILLed (Failure kind "timeout"). `memory_bytes` caps each worker's
    address space above what it inherited (RLIMIT_AS). With `isolate=False` tasks run in this
    process, in order, with neither timeout nor memory cap (for in-process benchmarks); the same
    happens where fork is unavailable. Closing the run, or Ctrl-C, kills and reaps all workers.
    """
    return IsolatedRun(_run(list(tasks), worker_fn, jobs, timeout, memory_bytes, isolate, max_tasks_per_worker))


def _run(items: list[T], worker_fn: Callable[[T], R], jobs: int, timeout: float, memory_bytes: int | None,
         isolate: bool, max_tasks_per_worker: int) -> Iterator[tuple[int, T, R | Failure]]:
    if not isolate or "fork" not in mp.get_all_start_methods():
        for index, task in enumerate(items):
            yield index, task, _call(worker_fn, task)
        return
    ctx = mp.get_context("fork")
    # Workers share the machine's cores: a worker's OCR engine takes its share (ocr_engine.py).
    os.environ["COMPLIANCE_WORKERS"] = str(max(1, min(jobs, len(items))))
    args = (worker_fn, items, memory_bytes, max(1, max_tasks_per_worker))
    pending = deque(range(len(items)))
    workers: list[_Worker] = []
    clean = False
    try:
        while pending or any(w.index is not None for w in workers):
            while pending and len(workers) < max(1, jobs) and len(workers) < len(pending) + _busy(workers):
                workers.append(_Worker(ctx, [w.conn for w in workers], args))
            for worker in workers:
                if worker.index is None and pending:
                    worker.assign(pending.popleft(), timeout)
            busy = [w for w in workers if w.index is not None]
            nearest = min(w.deadline for w in busy)
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], max(0.0, nearest - time.monotonic()))
            for worker in busy:
                finished = _collect(worker)
                if finished is None and time.monotonic() >= worker.deadline and worker.index is not None:
                    worker.stop(kill=True)
                    finished = (worker.index, Failure(f"处理超时（超过 {timeout:g} 秒），已终止；扫描件每页需数秒，可用 --timeout 放宽",
                                                      f"timed out after {timeout:g} s; stopped (a scanned page takes a few "
                                                      "seconds: raise --timeout for long scans)", "timeout"), True)
                if finished is None:
                    continue
                index, outcome, retire = finished
                worker.index, worker.deadline = None, float("inf")
                if retire:
                    worker.stop(kill=False)
                    workers.remove(worker)
                yield index, items[index], outcome
        clean = True
    finally:
        for worker in workers:
            worker.stop(kill=not clean)


def _busy(workers: list[_Worker]) -> int:
    return sum(1 for w in workers if w.index is not None)


def _collect(worker: _Worker) -> tuple[int, R | Failure, bool] | None:
    """The worker's answer if one is there, a crash Failure if it died, None if still working."""
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    if worker.process.is_alive() or worker.index is None:
        return None
    index = worker.index
    worker.stop(kill=True)
    return index, _death_failure(worker.process.exitcode), True


def run_all(tasks: Iterable[T], worker_fn: Callable[[T], R], **options: object) -> list[tuple[T, R | Failure]]:
    """run_isolated, gathered and put back in task order."""
    with run_isolated(tasks, worker_fn, **options) as results:  # type: ignore[arg-type]
        done = sorted(results, key=lambda item: item[0])
    return [(task, outcome) for _index, task, outcome in done]
