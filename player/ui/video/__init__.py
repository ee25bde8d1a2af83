"""The video unit view: player, seek bar with watched segments, captions drawn with the frame."""
