"""Shell completion scripts generated from the argument parser (no extra dependency)."""

from __future__ import annotations

import argparse


def _commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Subcommand → its option strings."""
    out: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in sorted(action.choices.items()):
                out[name] = sorted(o for a in sub._actions for o in a.option_strings)
    return out


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    commands = _commands(parser)
    if shell == "zsh":
        lines = ["#compdef kg", "_kg() {", "  local -a cmds", "  cmds=(" + " ".join(commands) + ")",
                 "  if (( CURRENT == 2 )); then compadd -a cmds; return; fi", "  case ${words[2]} in"]
        lines += [f"    {name}) compadd -- {' '.join(opts)}; _files ;;" for name, opts in commands.items()]
        lines += ["  esac", "}", 'compdef _kg kg', ""]
        return "\n".join(lines)
    lines = ["# bash completion for kg", "_kg() {", '  local cur="${COMP_WORDS[COMP_CWORD]}"',
             "  if [ \"$COMP_CWORD\" -eq 1 ]; then",
             f"    COMPREPLY=( $(compgen -W \"{' '.join(commands)}\" -- \"$cur\") ); return", "  fi",
             '  case "${COMP_WORDS[1]}" in']
    lines += [f"    {name}) COMPREPLY=( $(compgen -W \"{' '.join(opts)}\" -f -- \"$cur\") ) ;;"
              for name, opts in commands.items()]
    lines += ["  esac", "}", "complete -o filenames -F _kg kg", ""]
    return "\n".join(lines)
