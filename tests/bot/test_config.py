"""Settings: the contract's variables, their defaults, and operator-friendly errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import DEFAULT_MODEL, Settings, is_loopback
from bot.errors import ConfigError

CONTRACT_VARIABLES = (
    "DISCORD_TOKEN",
    "REPLICATE_API_TOKEN",
    "REPLICATE_API_BASE",
    "SDXL_MODEL",
    "DATABASE_PATH",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
    "DEV_GUILD_ID",
    "QUOTA_IMAGES_PER_DAY",
    "OUTPUT_HOSTS",
)
# Added on 2026-11-29 (DESIGN.md §2, §8); SDXL_MIN_SIDE is an operational knob tests set.
CLUSTER_VARIABLES = (
    "SHARD_COUNT",
    "SHARD_IDS",
    "DATABASE_URL",
    "JOB_LEASE_SECONDS",
    "SDXL_MIN_SIDE",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test sees only the variables it sets, and no stray .env file."""
    for name in (*CONTRACT_VARIABLES, *CLUSTER_VARIABLES, "PREDICTION_TIMEOUT", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    """With only the Replicate token set, every default is the one DESIGN.md §2 names."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    settings = Settings.load()
    assert settings.replicate_api_token.get_secret_value() == "r8_abc"
    assert settings.replicate_api_base == "https://api.replicate.com/v1"
    assert settings.sdxl_model == DEFAULT_MODEL
    assert settings.database_path == Path("data/sdxl-bot.sqlite3")
    assert settings.discord_api_base == "https://discord.com/api/v10"
    assert settings.discord_gateway_url is None
    assert settings.dev_guild_id is None
    assert settings.quota_images_per_day == 25
    assert settings.output_hosts == ("replicate.delivery", "*.replicate.delivery")
    assert settings.discord_token is None
    assert settings.api_host == "api.replicate.com"


def test_every_contract_variable_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each variable of the contract reaches its setting."""
    monkeypatch.setenv("DISCORD_TOKEN", "discord-token")
    monkeypatch.setenv("REPLICATE_API_TOKEN", "relay-key")
    monkeypatch.setenv("REPLICATE_API_BASE", "https://api.quickrouter.ai/replicate/v1/")
    monkeypatch.setenv("SDXL_MODEL", "a" * 64)
    monkeypatch.setenv("DATABASE_PATH", "/var/lib/bot/db.sqlite3")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:8080/api/v10")
    monkeypatch.setenv("DISCORD_GATEWAY_URL", "wss://gateway.example.org")
    monkeypatch.setenv("DEV_GUILD_ID", "123456789012345678")
    monkeypatch.setenv("QUOTA_IMAGES_PER_DAY", "7")
    monkeypatch.setenv("OUTPUT_HOSTS", " cdn.example.org , *.files.example.org ")
    settings = Settings.load()
    assert settings.require_discord_token().get_secret_value() == "discord-token"
    assert settings.replicate_api_base == "https://api.quickrouter.ai/replicate/v1"
    assert settings.api_host == "api.quickrouter.ai"
    assert settings.sdxl_model == "a" * 64
    assert settings.database_path == Path("/var/lib/bot/db.sqlite3")
    assert settings.discord_api_base == "http://127.0.0.1:8080/api/v10"
    assert settings.discord_gateway_url == "wss://gateway.example.org"
    assert settings.dev_guild_id == 123456789012345678
    assert settings.quota_images_per_day == 7
    assert settings.output_hosts == ("cdn.example.org", "*.files.example.org")


def test_dotenv_file_is_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """`.env` in the working folder is read; a variable in the environment overrides it."""
    Path(".env").write_text(
        "REPLICATE_API_TOKEN=from-file\nQUOTA_IMAGES_PER_DAY=3\nDEV_GUILD_ID=\n"
    )
    monkeypatch.setenv("QUOTA_IMAGES_PER_DAY", "9")
    settings = Settings.load()
    assert settings.replicate_api_token.get_secret_value() == "from-file"
    assert settings.quota_images_per_day == 9
    assert settings.dev_guild_id is None


def test_missing_token_names_the_variable_and_how_to_fix_it() -> None:
    """A missing REPLICATE_API_TOKEN gives one problem that names it and says what to set."""
    with pytest.raises(ConfigError) as caught:
        Settings.load()
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith("REPLICATE_API_TOKEN is required")
    assert "r8_" in caught.value.problems[0]


def test_every_bad_variable_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several malformed variables are all named in one error, never with a secret's value."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "Bearer r8_secretvalue")
    monkeypatch.setenv("REPLICATE_API_BASE", "ftp://example.org")
    monkeypatch.setenv("SDXL_MODEL", "stability-ai/sdxl:latest")
    monkeypatch.setenv("QUOTA_IMAGES_PER_DAY", "-1")
    monkeypatch.setenv("DEV_GUILD_ID", "my-server")
    monkeypatch.setenv("OUTPUT_HOSTS", "good.example,bad host")
    with pytest.raises(ConfigError) as caught:
        Settings.load()
    named = {problem.split()[0] for problem in caught.value.problems}
    assert named == {
        "REPLICATE_API_TOKEN",
        "REPLICATE_API_BASE",
        "SDXL_MODEL",
        "QUOTA_IMAGES_PER_DAY",
        "DEV_GUILD_ID",
        "OUTPUT_HOSTS",
    }
    assert "r8_secretvalue" not in str(caught.value)


def test_plain_http_is_refused_except_to_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The token never travels over plain http to another host; loopback is fine."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    monkeypatch.setenv("REPLICATE_API_BASE", "http://relay.example.org/v1")
    with pytest.raises(ConfigError, match="REPLICATE_API_BASE"):
        Settings.load()
    monkeypatch.setenv("REPLICATE_API_BASE", "http://127.0.0.1:9000/v1")
    assert Settings.load().replicate_api_base == "http://127.0.0.1:9000/v1"


def test_discord_token_is_required_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """`generate` works without DISCORD_TOKEN; `run` asks for it by name."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    settings = Settings.load()
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is required"):
        settings.require_discord_token()


def test_secrets_are_hidden_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printing the settings (as a crash log might) never shows a token."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_canary_replicate")
    monkeypatch.setenv("DISCORD_TOKEN", "canary.discord.token")
    settings = Settings.load()
    assert "r8_canary_replicate" not in repr(settings)
    assert "canary.discord.token" not in repr(settings)


def test_limits_follow_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Size limits configured in the environment reach the request validator's Limits."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    monkeypatch.setenv("SDXL_MIN_SIDE", "512")
    assert Settings.load().limits.min_side == 512
    monkeypatch.setenv("SDXL_MIN_SIDE", "2048")
    with pytest.raises(ConfigError, match="SDXL_MIN_SIDE is larger than SDXL_MAX_SIDE"):
        Settings.load()
    monkeypatch.setenv("SDXL_MIN_SIDE", "500")
    with pytest.raises(ConfigError, match="multiples of side_step"):
        Settings.load()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.3.4.5", True),
        ("localhost", True),
        ("[::1]", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_is_loopback(host: str | None, expected: bool) -> None:
    """Only this machine's addresses count as loopback."""
    assert is_loopback(host) is expected


def test_every_operator_setting_is_in_env_example_and_readme() -> None:
    """.env.example and the README's table name every setting (bar the tests' own knob)."""
    root = Path(__file__).resolve().parents[2]
    example = (root / ".env.example").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", example, re.MULTILINE))
    test_only = {"INTERACTION_TOKEN_LIFETIME"}
    for field in Settings.model_fields:
        name = field.upper()
        if name in test_only:
            continue
        assert name in listed, f"{name} is missing from .env.example"
        assert f"`{name}`" in readme, f"{name} is missing from the README"


def test_sharding_and_cluster_settings_default_to_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Unset: Discord's shard count, every shard, SQLite at DATABASE_PATH, a 30 s lease."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    settings = Settings.load()
    assert settings.shard_count is None and settings.shard_ids is None
    assert settings.database_url is None
    assert settings.job_lease_seconds == 30


def test_sharding_and_cluster_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """SHARD_COUNT, SHARD_IDS (comma-separated), DATABASE_URL and JOB_LEASE_SECONDS reach
    their settings; the database URL is kept secret (it may carry a password)."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", " 2, 3 ")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:canary-pw@db.example.org:5432/sdxl")
    monkeypatch.setenv("JOB_LEASE_SECONDS", "12.5")
    settings = Settings.load()
    assert settings.shard_count == 4 and settings.shard_ids == (2, 3)
    assert settings.database_url is not None
    assert settings.database_url.get_secret_value().endswith("@db.example.org:5432/sdxl")
    assert "canary-pw" not in repr(settings)
    assert settings.job_lease_seconds == 12.5


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bot@db:5432/sdxl",
        "postgresql+asyncpg://bot:pw@db/sdxl",
        "sqlite:///data/sdxl-bot.sqlite3",
        "sqlite:////var/lib/sdxl-bot/db.sqlite3",
    ],
)
def test_database_url_takes_postgresql_and_sqlite(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """The three schemes DESIGN.md §2 names are accepted as given."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    monkeypatch.setenv("DATABASE_URL", url)
    database_url = Settings.load().database_url
    assert database_url is not None and database_url.get_secret_value() == url


@pytest.mark.parametrize(
    "url",
    [
        "mysql://bot:canary-pw@db/sdxl",
        "postgres://bot:canary-pw@db/sdxl",
        "db.example.org/sdxl",
        "sqlite://relative.db",
        "postgresql:///no-host",
    ],
)
def test_a_bad_database_url_says_what_to_put_there(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """Another scheme or a malformed URL names DATABASE_URL and the accepted forms, never the
    password."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as caught:
        Settings.load()
    [problem] = caught.value.problems
    assert problem.startswith("DATABASE_URL is not valid")
    assert "postgresql://" in problem and "sqlite:///" in problem
    assert "canary-pw" not in problem


@pytest.mark.parametrize(
    ("variables", "named", "hint"),
    [
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT", "1 or more"),
        ({"SHARD_COUNT": "two"}, "SHARD_COUNT", "1 or more"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,x"}, "SHARD_IDS", "below SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS", "below SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "-1"}, "SHARD_IDS", "below SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,2"}, "SHARD_IDS", "below SHARD_COUNT"),
        ({"SHARD_IDS": "0"}, "SHARD_IDS", "set SHARD_COUNT"),
        ({"JOB_LEASE_SECONDS": "0"}, "JOB_LEASE_SECONDS", "more than 0"),
        ({"JOB_LEASE_SECONDS": "soon"}, "JOB_LEASE_SECONDS", "more than 0"),
    ],
)
def test_bad_shard_and_lease_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], named: str, hint: str
) -> None:
    """A bad SHARD_COUNT, SHARD_IDS (or SHARD_IDS without SHARD_COUNT) or JOB_LEASE_SECONDS
    gives one problem naming the variable and what to put there."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_abc")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        Settings.load()
    [problem] = caught.value.problems
    assert problem.startswith(named) and hint in problem
