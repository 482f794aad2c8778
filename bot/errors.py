"""The typed errors of the core. Each is data: a key and its fields, as Replicate's
problem+json errors are.

The key names a message of the cogs' catalogue (cogs/locales/*/sdxl.ftl), which renders it in
the member's language (`cogs.catalogue.render(error, locale)`): the core holds no member-facing
text. `str(error)` is a plain English line for logs and the terminal (the class's summary, the
key and the fields), never localized. Callers catch the family they can act on (InputRejected:
tell the member; ReplicateError: the API said no; PredictionFailed: the model ran and failed).

OperatorError's subclasses (configuration, the database) speak to the operator at the terminal,
never to members; they keep an English `message()`.

None of these ever carries a token: the fields are only those named here.
"""

from __future__ import annotations

from typing import Any


class SdxlBotError(Exception):
    """Base of every error the core raises on purpose."""

    key = "replicate.http"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.operator_line())

    def operator_line(self) -> str:
        """English for logs: "<what the class is>. (<key>: <field>=<value>, ...)"."""
        summary = (type(self).__doc__ or type(self).__name__).strip().split("\n")[0]
        fields = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{summary} ({self.key}{': ' + fields if fields else ''})"


class OperatorError(SdxlBotError):
    """An error for the operator (configuration, the database): English text, never a member's.

    Its sentence is the exception's text; `message()` returns it in every case.
    """

    key = "operator"

    def __init__(self, text: str) -> None:
        self.key = type(self).key
        self.params = {}
        Exception.__init__(self, text)

    def message(self) -> str:
        """The sentence for the operator (English: it is read at a terminal or in logs)."""
        return str(self)


class ConfigError(OperatorError):
    """The environment or .env does not describe a usable configuration."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The configuration is not valid:\n{lines}")


class InputRejected(SdxlBotError):
    """A member's options break a rule; nothing was sent and nothing was charged."""

    def __init__(self, field: str, key: str, /, **params: Any) -> None:
        self.field = field
        super().__init__(key, field=field, **params)


class ReplicateError(SdxlBotError):
    """Replicate (or the relay) answered with an error, or could not be reached.

    Carries the problem+json fields. `status` is None when no HTTP answer arrived.
    """

    key = "replicate.http"

    def __init__(
        self,
        *,
        status: int | None = None,
        title: str = "",
        detail: str = "",
        invalid_fields: list[dict[str, Any]] | None = None,
        retry_after: float | None = None,
        key: str | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.invalid_fields = invalid_fields or []
        self.retry_after = retry_after
        super().__init__(
            key,
            status=status if status is not None else "",
            title=title,
            detail=detail or title,
            seconds=round(retry_after) if retry_after is not None else 30,
        )


class ReplicateAuthError(ReplicateError):
    """401: the token is missing, wrong or revoked."""

    key = "replicate.unauthenticated"


class ReplicatePaymentRequired(ReplicateError):
    """402: the account has no credit or no billing set up."""

    key = "replicate.payment_required"


class ReplicateInputError(ReplicateError):
    """422: the API refused the input or the version."""

    key = "replicate.invalid_input"


class ReplicateRateLimited(ReplicateError):
    """429 that outlasted our bounded retries."""

    key = "replicate.rate_limited"


class ReplicateUnavailable(ReplicateError):
    """5xx, a dropped connection or a timeout that outlasted our bounded retries."""

    key = "replicate.unavailable"


class CreateOutcomeUnknown(ReplicateUnavailable):
    """A create was sent but no answer came back: the prediction may or may not exist.

    Never retried blindly, since a duplicate costs money; the caller decides how to resolve it.
    """

    key = "replicate.create_unknown"


class ReplicateProtocolError(ReplicateError):
    """A 2xx answer we cannot parse as a prediction."""

    key = "replicate.protocol"


class PredictionFailed(SdxlBotError):
    """The prediction ended without usable images."""

    key = "prediction.failed"

    def __init__(self, prediction_id: str, detail: str = "", *, key: str | None = None) -> None:
        self.prediction_id = prediction_id
        self.detail = detail
        super().__init__(key, detail=detail)


class NsfwDetected(PredictionFailed):
    """The safety checker dropped every output."""

    key = "prediction.nsfw"


class PredictionCanceled(PredictionFailed):
    """Someone canceled the prediction (us, or from Replicate's dashboard)."""

    key = "prediction.canceled"


class PredictionTimedOut(PredictionFailed):
    """The prediction outlived our deadline and was canceled."""

    key = "prediction.timeout"

    def __init__(self, prediction_id: str, seconds: float) -> None:
        self.seconds = seconds
        self.prediction_id = prediction_id
        self.detail = ""
        SdxlBotError.__init__(self, None, seconds=round(seconds))


class QuotaExceeded(SdxlBotError):
    """The member has no images left today; nothing was taken."""

    key = "quota.exceeded"


class GuildCapReached(SdxlBotError):
    """The server's daily cap is used up; nothing was taken."""

    key = "quota.guild_cap"


class Banned(SdxlBotError):
    """A moderator stopped this member from generating here."""

    key = "quota.banned"


class ChannelNotAllowed(SdxlBotError):
    """Moderators limited /imagine to other channels."""

    key = "policy.channel"


class PromptBlocked(SdxlBotError):
    """The prompt matches the server's blocklist; it was refused and logged for moderators."""

    key = "policy.blocked"


class TooManyJobs(SdxlBotError):
    """The member already has as many generations in progress as allowed."""

    key = "jobs.too_many"


class TooManyReviews(SdxlBotError):
    """The member has enough requests waiting for a moderator, or held one moments ago."""

    key = "review.too_many"


class QueueFull(SdxlBotError):
    """The queue is at its limit; nothing was queued or charged."""

    key = "jobs.queue_full"


class ShuttingDown(SdxlBotError):
    """The bot is restarting and takes no new work; nothing was charged."""

    key = "jobs.shutting_down"


class JobCrashed(SdxlBotError):
    """Something unexpected broke a job; it was logged under `reference`."""

    key = "errors.unexpected"


class JobNotFound(SdxlBotError):
    """A button or command names a job the bot does not know (any more)."""

    key = "jobs.not_found"


class ReplyUnavailable(SdxlBotError):
    """A resumed job has no reply left to continue in: its message and its channel are gone,
    or the bot lost access to them."""

    key = "errors.reply_unavailable"

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__()


class OutputRejected(SdxlBotError):
    """An output could not be fetched safely (host not allowed, too large, not an image)."""

    key = "output.unreadable"
