"""Compiled templates shared by every app of a process.

Each app has its own Jinja environment, which compiles every template again: more than half of a freeze
(`flask freeze` renders the site with an app of its own), and of every test or tool that makes an app.
The compiled code is kept per process, keyed by the template, the settings that change how Jinja compiles
and, as in any Jinja bytecode cache, the source's checksum: an edited template is compiled afresh.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[tuple, bytes] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple:
        env = bucket.environment
        finalize = (env.finalize is not None, getattr(env.finalize, "jinja_pass_arg", None))  # pass_context & co.
        compiles_as = (tuple(sorted(env.extensions)), finalize, env.is_async, callable(env.autoescape),
                       bool(env.autoescape), env.block_start_string, env.block_end_string,
                       env.variable_start_string, env.variable_end_string, env.comment_start_string,
                       env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                       env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                       env.optimized)
        return bucket.key, compiles_as

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)  # refused by the bucket when the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[self._key(bucket)] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
