"""The spec's cue text tokenizer, reduced to what the player displays and the first voice.

The player draws plain text, so tags and timestamp tags are dropped (unknown ones too, as the spec
ignores them), character references decoded and ruby text shown in parentheses after its base.
"""

from __future__ import annotations

import html

from player.course.spaces import short_charrefs
from player.course.webvtt_timing import ASCII_WHITESPACE_RUN

_CUE_NODES = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})


def render_cue_text(raw: str) -> tuple[str, str]:
    """Display text and first voice of WebVTT cue text, after the spec's cue text tokenizer.

    Tags are dropped (unknown ones too, as the spec ignores them), timestamps tags dropped,
    character references decoded (one past U+10FFFF is U+FFFD, as html.unescape makes it, without
    its ValueError past 4,300 digits); ruby text is shown in parentheses after its base."""
    raw = short_charrefs(raw)
    out: list[str] = []
    voice: str | None = None
    open_nodes: list[str] = []
    position, length = 0, len(raw)
    while position < length:
        lt = raw.find("<", position)
        if lt == -1:
            out.append(html.unescape(raw[position:]))
            break
        if lt > position:
            out.append(html.unescape(raw[position:lt]))
        gt = raw.find(">", lt + 1)
        tag = raw[lt + 1 : gt if gt != -1 else length]
        position = gt + 1 if gt != -1 else length
        if tag.startswith("/"):
            name = tag[1:]
            if open_nodes and open_nodes[-1] == name:
                open_nodes.pop()
                if name == "rt":
                    out.append(")")
            elif name == "ruby" and open_nodes[-2:] == ["ruby", "rt"]:
                del open_nodes[-2:]
                out.append(")")
            continue
        if tag[:1].isdigit():
            continue  # a timestamp tag (karaoke): no text
        name, annotation = _split_tag(tag)
        if name not in _CUE_NODES or (name == "rt" and open_nodes[-1:] != ["ruby"]):
            continue
        open_nodes.append(name)
        if name == "rt":
            out.append("(")
        elif name == "v" and voice is None:
            voice = annotation
    if open_nodes and open_nodes[-1] == "rt":
        out.append(")")
    return "".join(out), voice or ""


def _split_tag(tag: str) -> tuple[str, str]:
    """Tag name and annotation (classes dropped) of the inside of a start tag."""
    end = 0
    while end < len(tag) and tag[end] not in " \t\n\f.":
        end += 1
    name = tag[:end]
    while end < len(tag) and tag[end] == ".":  # classes, up to whitespace
        end += 1
        while end < len(tag) and tag[end] not in " \t\n\f.":
            end += 1
    annotation = html.unescape(tag[end:])
    return name, " ".join(word for word in ASCII_WHITESPACE_RUN.split(annotation) if word)
