"""Question submissions: one question per paper lecture, due before class starts.

Timestamps are written naive (Detroit local time), except a few written in ISO form with
a UTC offset. Those few are chosen to catch a reader that gets daylight saving time
wrong: an on-time question at 10:0x EST on a November lecture (11:0x if misread as EDT),
a late one at 10:3x EDT in the fall (09:3x if misread as EST), and one sent the evening
before whose UTC date is already the lecture day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from gradelib.sample.calendar import Session

ZONE = ZoneInfo("America/Detroit")
CLASS_START = time(10, 30)
SUBMIT_RATE = 0.85
LATE_RATE = 0.05
EVENING_RATE = 0.45
DUPLICATES = 2
#: Daylight saving time ended in Detroit on this day in 2024.
DST_END = date(2024, 11, 3)

# (lecture before DST_END, seconds after local midnight of the lecture day, span in seconds)
_OFFSET_CASES: tuple[tuple[bool, int, int], ...] = (
    (True, -3 * 3600, 2 * 3600),  # 21:00-23:00 the evening before, EDT: on time
    (True, 10 * 3600 + 31 * 60, 25 * 60),  # 10:31-10:56 EDT: late
    (False, 10 * 3600, 25 * 60),  # 10:00-10:25 EST: on time
    (False, 11 * 3600, 55 * 60),  # 11:00-11:55 EST: late
)

Submission = tuple[datetime, str, date, bool]  # local time, uniqname, lecture, with offset


def _local_times(day: date, count: int, rng: np.random.Generator) -> list[datetime]:
    """Submission times (naive local) for one lecture: evening before, morning of, or late."""
    midnight = datetime.combine(day, time())
    u = rng.random(count)
    evening = -6 * 3600 + rng.integers(0, 6 * 3600, size=count)  # 18:00-23:59:59 the day before
    morning = 6 * 3600 + 30 * 60 + rng.integers(0, 4 * 3600, size=count)  # 06:30-10:29:59
    late = 10 * 3600 + 30 * 60 + rng.integers(60, 89 * 60, size=count)  # 10:31-11:58:59
    seconds = np.where(
        u < LATE_RATE, late, np.where(u < LATE_RATE + EVENING_RATE, evening, morning)
    )
    return [midnight + timedelta(seconds=s) for s in seconds.tolist()]


def _draw(
    lectures: list[Session],
    members: dict[str, tuple[str, ...]],
    rng: np.random.Generator,
    uniqnames: list[str],
) -> dict[tuple[str, date], datetime]:
    """Everyone outside the presenting group submits with probability ``SUBMIT_RATE``."""
    found: dict[tuple[str, date], datetime] = {}
    for lecture in lectures:
        presenting = set(members.get(lecture.presenter, ()))
        eligible = [u for u in uniqnames if u not in presenting]
        submits = rng.random(len(eligible)) < SUBMIT_RATE
        chosen = [u for u, s in zip(eligible, submits.tolist(), strict=True) if s]
        for u, moment in zip(chosen, _local_times(lecture.day, len(chosen), rng), strict=True):
            found[(u, lecture.day)] = moment
    return found


def build_questions(
    uniqnames: list[str],
    members: dict[str, tuple[str, ...]],
    schedule: list[Session],
    rng: np.random.Generator,
) -> list[Submission]:
    """Draw the question submissions.

    Parameters
    ----------
    uniqnames : list of str
        The students, sorted.
    members : dict
        Group id -> member uniqnames.
    schedule : list of Session
        The class dates.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of (datetime, str, date, bool)
        Local submission time, uniqname, lecture date, and whether to write the time with
        a UTC offset; including ``DUPLICATES`` resubmissions of the same question.
    """
    lectures = [s for s in schedule if s.is_paper]
    found = _draw(lectures, members, rng, uniqnames)
    offset_keys = set()
    for before_dst, start, span in _OFFSET_CASES:
        pool = [s for s in lectures if (s.day < DST_END) == before_dst]
        while True:
            lecture = pool[int(rng.integers(len(pool)))]
            presenting = set(members.get(lecture.presenter, ()))
            eligible = [u for u in uniqnames if u not in presenting]
            key = (eligible[int(rng.integers(len(eligible)))], lecture.day)
            if key not in offset_keys:
                break
        seconds = start + int(rng.integers(0, span // 60)) * 60 + int(rng.integers(0, 60))
        found[key] = datetime.combine(lecture.day, time()) + timedelta(seconds=seconds)
        offset_keys.add(key)
    submissions = [(t, u, d, (u, d) in offset_keys) for (u, d), t in sorted(found.items())]
    plain = [i for i, s in enumerate(submissions) if not s[3]]
    for i in rng.permutation(len(plain))[:DUPLICATES].tolist():
        moment, u, d, _ = submissions[plain[i]]
        again = moment + timedelta(minutes=int(rng.integers(3, 41)), seconds=int(rng.integers(60)))
        submissions.append((again, u, d, False))
    return submissions


def format_timestamp(moment: datetime, with_offset: bool) -> str:
    """``YYYY-MM-DD HH:MM:SS`` (local), or ISO 8601 in UTC with ``+00:00``."""
    if with_offset:
        return moment.replace(tzinfo=ZONE).astimezone(UTC).isoformat()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def question_rows(submissions: list[Submission]) -> list[list[str]]:
    """The rows of ``questions.csv``, sorted by timestamp as written."""
    rows = [[format_timestamp(t, o), u, d.isoformat()] for t, u, d, o in submissions]
    rows.sort()
    return rows
