"""Webhook routing: each pushed prediction state reaches the tracker of the job that owns it.

A fast prediction's deliveries can beat the create's own answer, so pushes for predictions no
job has claimed yet are held (a bounded few) until the job claims its prediction id. A
terminal state is final: deliveries may arrive out of order and nothing comes after the end.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Final

from bot.replicate import Prediction
from bot.tracking import PredictionTracker

log = logging.getLogger(__name__)

# Webhook deliveries held for predictions no job has claimed yet (the create's answer is late).
UNCLAIMED_PUSHES: Final = 256


class PushRouter:
    """Prediction id -> job id, the latest state pushed per job, and the trackers to wake."""

    def __init__(self) -> None:
        self._jobs_by_prediction: dict[str, str] = {}
        self._latest: dict[str, Prediction] = {}
        self._unclaimed: OrderedDict[str, Prediction] = OrderedDict()
        self._trackers: dict[str, PredictionTracker] = {}

    def push(self, prediction: Prediction) -> None:
        """A state received by webhook: wake the tracker of the job that owns the prediction."""
        job_id = self._jobs_by_prediction.get(prediction.id)
        if job_id is None:
            held = self._unclaimed.get(prediction.id)
            if held is None or not held.is_terminal:
                self._unclaimed[prediction.id] = prediction
                self._unclaimed.move_to_end(prediction.id)
            while len(self._unclaimed) > UNCLAIMED_PUSHES:
                self._unclaimed.popitem(last=False)
            log.debug("Webhook for prediction %s, not claimed by a job yet", prediction.id)
            return
        latest = self._latest.get(job_id)
        if latest is not None and latest.is_terminal:
            return
        self._latest[job_id] = prediction
        tracker = self._trackers.get(job_id)
        if tracker is not None:
            tracker.push(prediction)

    def claim(self, prediction_id: str, job_id: str) -> None:
        """Route the prediction's webhooks to the job, with any that arrived first."""
        self._jobs_by_prediction[prediction_id] = job_id
        early = self._unclaimed.pop(prediction_id, None)
        if early is not None:
            self.push(early)

    def watch(self, job_id: str, tracker: PredictionTracker) -> None:
        """The job's tracker now exists: give it what was pushed before."""
        self._trackers[job_id] = tracker
        if job_id in self._latest:
            tracker.push(self._latest[job_id])

    def tracker(self, job_id: str) -> PredictionTracker | None:
        """The tracker of a running job, if it has one yet."""
        return self._trackers.get(job_id)

    def trackers(self) -> list[PredictionTracker]:
        """Every tracker of a running job."""
        return list(self._trackers.values())

    def forget(self, job_id: str) -> None:
        """The job is over here: drop its routes."""
        self._trackers.pop(job_id, None)
        self._latest.pop(job_id, None)
        for prediction_id in [p for p, j in self._jobs_by_prediction.items() if j == job_id]:
            del self._jobs_by_prediction[prediction_id]
