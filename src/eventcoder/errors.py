"""Every error eventcoder raises, with a stable code and one message text each.

Hierarchy::

    EventcoderError                 base: catch this to catch everything of ours
    ├── InputError                  a document that cannot be read or coded (E1xx)
    │   ├── EmptyInputError         E101 nothing to code in it
    │   ├── BinaryInputError        E102 not text
    │   ├── EncodingError           E103 not decodable as text
    │   ├── NoArticleError          E104 an HTML page with no article text
    │   ├── TooLargeError           E105 larger than the configured limit
    │   ├── BadJsonLineError        E106 a JSON Lines line that is not a JSON object
    │   ├── MissingFieldError       E107 a JSON Lines record without ``text``
    │   ├── UnsupportedInputError   E108 a path that does not exist or an unknown format
    │   └── TimeLimitError          E109 still being coded after max_seconds
    ├── KnowledgeError              E2xx a data table (shipped or user's) is malformed
    ├── ModelError                  E3xx the spaCy pipeline cannot be loaded
    ├── StoreError                  E4xx the database cannot be opened or written
    ├── OutputError                 E5xx an output file cannot be written
    └── EngineError                 E6xx the distributed engine cannot start or lost its cluster

Messages name the file (and line) and the problem, in one line, so a batch can
report them and go on.
"""

from __future__ import annotations


class EventcoderError(Exception):
    """Base class of every eventcoder error."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(EventcoderError):
    """A document that cannot be read or coded; the batch goes on."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class NoArticleError(InputError):
    code = "E104"


class TooLargeError(InputError):
    code = "E105"


class BadJsonLineError(InputError):
    code = "E106"


class MissingFieldError(InputError):
    code = "E107"


class UnsupportedInputError(InputError):
    code = "E108"


class TimeLimitError(InputError):
    code = "E109"


class KnowledgeError(EventcoderError):
    """A knowledge table (shipped or user-supplied) is malformed."""

    code = "E200"


class ModelError(EventcoderError):
    """The spaCy pipeline named in the settings cannot be loaded."""

    code = "E300"


class StoreError(EventcoderError):
    """The DuckDB database cannot be opened or written."""

    code = "E400"


class OutputError(EventcoderError):
    """An output file cannot be written (unknown format, unwritable place)."""

    code = "E500"


class EngineError(EventcoderError):
    """The coding engine cannot start (e.g. Dask not installed, scheduler unreachable) or failed mid-run."""

    code = "E600"
