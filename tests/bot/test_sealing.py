"""Sealed interaction tokens: AES-256-GCM bound to the job, keys from TOKEN_KEY or DISCORD_TOKEN."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError
from bot.sealing import NONCE_BYTES, PREFIX, TokenSealer
from bot.store import Store
from sdxl_bot.app import services

TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmNhbmFyeS10b2tlbg-canary"
SECRET = "a-deployment-secret-of-at-least-32-characters"


def raw(sealed: str) -> bytes:
    """The nonce and ciphertext of a sealed value."""
    assert sealed.startswith(PREFIX)
    return base64.urlsafe_b64decode(sealed[len(PREFIX) :])


def test_a_sealed_token_opens_in_its_own_job() -> None:
    """seal then unseal with the same key and job id gives the token back."""
    sealer = TokenSealer.ephemeral()
    sealed = sealer.seal(TOKEN, "job-1")
    assert sealed.startswith("v1:") and TOKEN not in sealed
    assert sealer.unseal(sealed, "job-1") == TOKEN


def test_the_wire_format_is_a_fresh_nonce_then_the_ciphertext() -> None:
    """`v1:` + base64url(12-byte nonce || ciphertext and 16-byte tag); no two seals alike."""
    sealer = TokenSealer.ephemeral()
    first, second = sealer.seal(TOKEN, "job-1"), sealer.seal(TOKEN, "job-1")
    assert first != second
    assert raw(first)[:NONCE_BYTES] != raw(second)[:NONCE_BYTES]
    assert len(raw(first)) == NONCE_BYTES + len(TOKEN.encode()) + 16
    assert set(first[len(PREFIX) :]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="
    )


def test_the_same_secret_gives_the_same_key() -> None:
    """Two processes configured with one secret read each other's tokens."""
    sealed = TokenSealer.from_secret(SECRET).seal(TOKEN, "job-1")
    assert TokenSealer.from_secret(SECRET).unseal(sealed, "job-1") == TOKEN


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(lambda: TokenSealer.from_secret(SECRET + "-rotated"), id="another secret"),
        pytest.param(TokenSealer.ephemeral, id="a random key"),
    ],
)
def test_another_key_cannot_open_a_token(other: object) -> None:
    """A token sealed under one key is None (not an error) under any other."""
    sealed = TokenSealer.from_secret(SECRET).seal(TOKEN, "job-1")
    assert callable(other)
    assert other().unseal(sealed, "job-1") is None


def test_a_token_cannot_be_moved_to_another_job() -> None:
    """The job id is associated data: a sealed value copied to another row opens to None."""
    sealer = TokenSealer.ephemeral()
    assert sealer.unseal(sealer.seal(TOKEN, "job-1"), "job-2") is None


@pytest.mark.parametrize("position", [0, NONCE_BYTES, -1])
def test_a_tampered_token_opens_to_none(position: int) -> None:
    """Flipping one bit of the nonce, the ciphertext or the tag makes the value unopenable."""
    sealer = TokenSealer.ephemeral()
    data = bytearray(raw(sealer.seal(TOKEN, "job-1")))
    data[position] ^= 0x01
    tampered = PREFIX + base64.urlsafe_b64encode(bytes(data)).decode()
    assert sealer.unseal(tampered, "job-1") is None


@pytest.mark.parametrize("value", ["v1:", "v1:AAAA", "v1:not base64!", "v1:" + "A" * 27 + "="])
def test_a_malformed_sealed_value_opens_to_none(value: str) -> None:
    """Too short or not base64url after the prefix: None, never an exception."""
    assert TokenSealer.ephemeral().unseal(value, "job-1") is None


def test_a_legacy_plaintext_token_is_returned_as_is() -> None:
    """A value without `v1:` was written in clear by an older version: used as it is."""
    assert TokenSealer.ephemeral().unseal(TOKEN, "job-1") == TOKEN


def test_a_token_that_cannot_be_opened_is_logged_without_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The failure is one INFO line naming the job, with no token, sealed value or key."""
    sealed = TokenSealer.from_secret(SECRET).seal(TOKEN, "job-1")
    with caplog.at_level(logging.DEBUG, logger="bot.sealing"):
        assert TokenSealer.from_secret(SECRET + "-rotated").unseal(sealed, "job-1") is None
    assert [record.levelno for record in caplog.records] == [logging.INFO]
    assert "job-1" in caplog.text
    for secret in (TOKEN, sealed, sealed[len(PREFIX) :], SECRET):
        assert secret not in caplog.text


def test_the_repr_never_shows_the_key() -> None:
    """A sealer in a log line or a traceback shows no key material."""
    sealer = TokenSealer.from_secret(SECRET)
    assert repr(sealer) == str(sealer) == "TokenSealer(key=[hidden])"
    assert not hasattr(sealer, "__dict__"), "no attribute beyond the cipher object"


def test_a_key_must_be_32_bytes_and_a_secret_non_empty() -> None:
    """AES-256 only: a short key or an empty secret is refused at construction."""
    with pytest.raises(ValueError, match="32 bytes"):
        TokenSealer(b"k" * 16)
    with pytest.raises(ValueError, match="empty"):
        TokenSealer.from_secret("")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Settings see only what each test passes, and no stray .env file."""
    for name in ("DISCORD_TOKEN", "TOKEN_KEY", "REPLICATE_API_TOKEN", "DATABASE_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("environment")
def test_token_key_wins_over_the_discord_token() -> None:
    """TOKEN_KEY when set, else DISCORD_TOKEN, else nothing (a random key is used)."""
    both = Settings.load(replicate_api_token="r8_x", discord_token="bot-token", token_key=SECRET)
    assert both.token_sealing_secret() == both.token_key
    only_discord = Settings.load(replicate_api_token="r8_x", discord_token="bot-token")
    secret = only_discord.token_sealing_secret()
    assert secret is not None and secret.get_secret_value() == "bot-token"
    assert Settings.load(replicate_api_token="r8_x").token_sealing_secret() is None


@pytest.mark.usefixtures("environment")
def test_a_short_or_spaced_token_key_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """TOKEN_KEY shorter than 32 characters or with spaces is a configuration error."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_x")
    for bad in ("too-short", "a key with spaces in it, long enough to pass"):
        monkeypatch.setenv("TOKEN_KEY", bad)
        with pytest.raises(ConfigError, match="TOKEN_KEY") as error:
            Settings.load()
        assert bad not in str(error.value)
    monkeypatch.setenv("TOKEN_KEY", f"  {SECRET}  ")
    key = Settings.load().token_key
    assert key is not None and key.get_secret_value() == SECRET


@pytest.mark.usefixtures("environment")
@pytest.mark.parametrize("configured", ["token_key", "discord_token"])
async def test_the_bots_store_seals_with_the_configured_secret(
    tmp_path: Path, configured: str
) -> None:
    """services() opens the store with the key from TOKEN_KEY, or from DISCORD_TOKEN."""
    path = tmp_path / "data" / "bot.sqlite3"
    settings = Settings.load(
        replicate_api_token="r8_x",
        database_path=path,
        discord_token="bot-token-of-this-deployment",
        **({"token_key": SECRET} if configured == "token_key" else {}),
    )
    async with services(settings, webhooks=False) as built:
        await built.store.insert_job(
            id="j1",
            requester_id=1,
            locale="en-US",
            request_json="{}",
            state="processing",
            interaction_token=TOKEN,
        )
    expected = settings.token_sealing_secret()
    assert expected is not None
    for secret, readable in ((expected.get_secret_value(), TOKEN), ("some-other-secret", None)):
        store = await Store.open(path, sealer=TokenSealer.from_secret(secret))
        try:
            row = await store.job("j1")
            assert row is not None and row.interaction_token == readable
        finally:
            await store.close()
