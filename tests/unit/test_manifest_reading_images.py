"""ReadingUnit.image looks a name up in a table made once per unit: rebuilt at each call, a
reading of 10,000 images took 10^8 steps to render (d42639d fixed the caller, not the method)."""

from __future__ import annotations

from collections.abc import Iterator

from player.course.manifest import FileRef, ReadingUnit


class CountedImages(tuple[tuple[str, FileRef], ...]):
    """The unit's images, counting how often they are walked through."""

    walks = 0

    def __iter__(self) -> Iterator[tuple[str, FileRef]]:
        type(self).walks += 1
        return super().__iter__()


def ref(number: int) -> FileRef:
    return FileRef(f"{number:064x}", number + 1, "image/png")


def test_each_image_is_found_without_walking_the_list_again() -> None:
    images = CountedImages((f"images/{n}.png", ref(n)) for n in range(10_000))
    text = FileRef("f" * 64, 10, "text/markdown")
    unit = ReadingUnit("reading", "Lecture", "Completed", text, images)
    CountedImages.walks = 0
    found = [unit.image(f"images/{n}.png") for n in range(10_000)]
    assert found == [ref(n) for n in range(10_000)]
    assert unit.image("images/absent.png") is None
    assert CountedImages.walks <= 1


def test_the_table_leaves_equality_and_hashing_as_they_were() -> None:
    text = FileRef("f" * 64, 10, "text/markdown")
    first = ReadingUnit("r", "Lecture", "Completed", text, (("a.png", ref(1)),))
    second = ReadingUnit("r", "Lecture", "Completed", text, (("a.png", ref(1)),))
    assert first.image("a.png") == ref(1)
    assert first == second and hash(first) == hash(second)
    assert repr(first) == repr(second)
