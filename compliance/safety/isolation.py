"""Run one task per file in a pool of forked worker processes, so one hostile file cannot take
the batch down: a hang is killed at its deadline, a crash or an out-of-memory kill fails only its
own task, and every task comes back exactly once.

Workers are forked (not spawned): they inherit `worker_fn` and the task list, so neither needs to
be picklable and starting a worker costs milliseconds; they are reused across tasks and replaced
only when one is killed, dies, or is recycled (after a MemoryError, after growing too large, or
after `max_tasks_per_worker` tasks). Only a task's index goes to a worker; only its (small,
picklable) result comes back.

A task's time limit is processor time, not time on the clock: what its worker and the processes
it started (the OCR server, a converter) spent computing for it, read from /proc. On a loaded
machine a file that waits for a core is not cut short; a file that computes too long is. A
generous clock limit (WALL_FACTOR times the time limit) still ends a task that waits for ever.

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

# A task that waits (for a lock, a pipe, a disk) spends no processor time: the clock ends it after
# this many times its time limit, which a task that merely waits for a busy machine's cores never
# nears (at ten processes per core, a task gets a tenth of the clock as processor time).
WALL_FACTOR = 10
POLL_SECONDS = 0.25  # how often the busy workers' processor time is read
# A worker's memory budget, passed on to the processes it starts: the OCR server sets its own
# limit from it (reading/scan/ocr_server.py), since a fresh interpreter's baseline is not the worker's.
MEMORY_ENV = "COMPLIANCE_MEMORY_BUDGET"
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Failure:
    """Why a task produced no result. kind is one of KINDS."""

    reason_zh: str
    reason_en: str
    kind: str


Outcome = Union[R, Failure]  # noqa: UP007  (a generic alias: `R | Failure` fails at run time on 3.10)


def memory_exceeded() -> tuple[str, str]:
    """What to say when a file ran out of memory: which limit, how large, and the option that
    raises it; without a limit (in-process), only that memory ran out."""
    budget = os.environ.get(MEMORY_ENV, "")
    if not budget.isdigit():
        return "处理该文件时内存不足", "the machine ran out of memory processing the file"
    megabytes = int(budget) // (1024 * 1024)
    return (f"处理该文件所需内存超出上限（内存上限 {megabytes} MB；可用 --memory-limit 放宽）",
            f"processing the file needs more memory than the limit allows (memory limit {megabytes} MB; "
            "raise it with --memory-limit)")


def _no_room_to_load(error: ImportError) -> bool:
    """An extension the file's work loads (OpenCV's BLAS, say) that did not fit under the memory
    limit: the dynamic loader says so in these words. The limit's doing, not the installation's."""
    text = str(error)
    return "failed to map segment" in text or "Cannot allocate memory" in text


def _call(worker_fn: Callable[[T], R], task: T) -> R | Failure:
    """Run one task; every exception becomes a Failure (KeyboardInterrupt is the user's: re-raised)."""
    try:
        return worker_fn(task)
    except ImportError as error:
        if _no_room_to_load(error):
            return Failure(*memory_exceeded(), "memory")
        # A module missing from the installation fails every file alike: it is the caller's to
        # stop the run with one message, not a reason to call each document unreadable.
        detail = f"{type(error).__name__}: {error}"[:300]
        return Failure(f"安装不完整：{detail}", f"incomplete installation: {detail}", "internal")
    except MemoryError:
        return Failure(*memory_exceeded(), "memory")
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


def limit_memory(budget: int) -> None:
    """Cap this process's address space at what it maps now plus `budget` bytes.

    A forked worker starts with the parent's whole address space (libraries, numpy arenas), which
    can already exceed a fixed cap; a cap on top of that baseline is what the budget means. The
    processes it starts inherit the cap: one that maps its own libraries (the OCR server) must
    lift it and set its own (reading/scan/ocr_server.py), or it starts with almost nothing to spare.
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
            limit_memory(memory_bytes)
            os.environ[MEMORY_ENV] = str(memory_bytes)  # for messages, and for the OCR server
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


def _stat_fields(pid: int) -> list[bytes] | None:
    """/proc/<pid>/stat after the command name (which may hold spaces): field 3 onwards."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _children(pid: int) -> list[int]:
    """The living children of every thread of `pid` (Linux 3.5+: /proc/<pid>/task/<tid>/children)."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                found += [int(child) for child in children.read().split()]
    except (OSError, ValueError):
        pass
    return found


class _CpuMeter:
    """Processor seconds a worker and the processes below it spent since the task began.

    Each process counts from what it had spent when the task began (the OCR server lives across
    tasks), or from its start if it is newer; a process that ended counts in its parent's
    children's time once reaped. None where /proc cannot be read: the clock decides then.
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.base: dict[int, tuple[bytes, int]] = {}  # pid → (start time, ticks spent) at the task's start
        self.began = 0.0  # boot-clock seconds when the task began

    def start(self) -> None:
        self.began = _boot_seconds()
        self.base = {pid: (started, ticks) for pid, started, ticks in self._tree()}

    def used(self) -> float | None:
        total = 0
        tree = list(self._tree())
        if not tree:
            return None
        for pid, started, ticks in tree:
            first = self.base.get(pid)
            if first is None or first[0] != started:  # new to this task, or a pid reused
                # Newer than the task: all its time is the task's. Older but missed at the start
                # (children are listed without a lock): counted from now on.
                first = (started, 0 if int(started) / _TICKS >= self.began - 1 else ticks)
                self.base[pid] = first
            total += ticks - first[1]
        return total / _TICKS

    def _tree(self) -> Iterator[tuple[int, bytes, int]]:
        """(pid, start time, ticks spent with reaped children) of the worker and each descendant."""
        todo, seen = [self.root], set()
        while todo:
            pid = todo.pop()
            fields = _stat_fields(pid) if pid not in seen else None
            if fields is None:
                continue
            seen.add(pid)
            yield pid, fields[19], sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
            todo += _children(pid)


def _boot_seconds() -> float:
    """The clock /proc's process start times count on (seconds since boot)."""
    return time.clock_gettime(getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC))


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
        self.deadline = float("inf")  # the clock's backstop: WALL_FACTOR times the time limit
        self.meter = _CpuMeter(self.process.pid)  # type: ignore[arg-type]
        self.began = 0.0

    def kill(self) -> None:
        """SIGKILL the worker's process group: the worker and whatever it started (a converter, say)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        except (ProcessLookupError, PermissionError):
            self.process.kill()

    def assign(self, index: int, timeout: float) -> None:
        self.meter.start()
        self.began = time.monotonic()
        self.index, self.deadline = index, self.began + WALL_FACTOR * timeout
        try:
            self.conn.send(index)
        except OSError:  # the worker is already gone: _collect reports the task as crashed
            self.deadline = time.monotonic()

    def over(self, timeout: float) -> Failure | None:
        """A timeout Failure once the task has computed for `timeout` seconds, or waited for
        WALL_FACTOR times that; None while it may go on."""
        now = time.monotonic()
        used = self.meter.used()
        if used is None:  # no /proc: the clock is all there is
            used = now - self.began
        if used >= timeout:
            return Failure(f"处理超时（处理器时间超过 {timeout:g} 秒），已终止；扫描件每页需数秒，可用 --timeout 放宽",
                           f"timed out after {timeout:g} s of processor time; stopped (a scanned page takes a few "
                           "seconds: raise --timeout for long scans)", "timeout")
        if now >= self.deadline:
            waited = WALL_FACTOR * timeout
            return Failure(f"处理停滞（{waited:g} 秒内未完成，大部分时间在等待而非计算），已终止；可用 --timeout 放宽",
                           f"stalled: not done after {waited:g} s, mostly waiting rather than computing; stopped "
                           "(raise --timeout to allow more)", "timeout")
        return None

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

    Sort by index for a deterministic report. `timeout` is processor seconds per task (its worker
    and what that started); a task past it, or past WALL_FACTOR times it on the clock, has its
    worker SIGKILLed (Failure kind "timeout"). `memory_bytes` caps each worker's address space
    above what it inherited (RLIMIT_AS); a MemoryError names the limit. With `isolate=False`
    tasks run in this process, in order, with neither timeout nor memory cap (for in-process
    benchmarks); the same happens where fork is unavailable. Closing the run, or Ctrl-C, kills and reaps all workers.
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
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                 max(0.0, min(POLL_SECONDS, nearest - time.monotonic())))
            for worker in busy:
                finished = _collect(worker)
                late = worker.over(timeout) if finished is None and worker.index is not None else None
                if late is not None and worker.index is not None:
                    late_index = worker.index
                    worker.stop(kill=True)
                    finished = (late_index, late, True)
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
