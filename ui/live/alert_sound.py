"""The short chime of an alert that must be acknowledged: a sound we make ourselves, no audio files.

``chime_wav`` synthesises two soft tones (a rising fourth, 0.45 s) as 16-bit mono WAV; ``AlertSound``
writes it once to the cache folder and plays it through QtMultimedia's QSoundEffect when that is
installed and has an audio device, and falls back to the system beep (QApplication.beep) otherwise.
"""

from __future__ import annotations

import io
import logging
import math
import struct
import tempfile
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SAMPLE_RATE = 22_050
# (frequency Hz, start s, length s): A5 then D6, overlapping a little.
TONES = ((880.0, 0.0, 0.22), (1174.7, 0.16, 0.29))
VOLUME = 0.35


def chime_wav(sample_rate: int = SAMPLE_RATE) -> bytes:
    """The chime as WAV bytes (16-bit PCM, mono); each tone fades in and out to avoid clicks."""
    length = max(start + dur for _f, start, dur in TONES)
    n = int(length * sample_rate)
    samples = [0.0] * n
    for freq, start, dur in TONES:
        first, count = int(start * sample_rate), int(dur * sample_rate)
        for i in range(count):
            t = i / sample_rate
            # A quick attack and an exponential decay: a bell, not a buzzer.
            envelope = min(1.0, i / (0.01 * sample_rate)) * math.exp(-5.0 * t / dur)
            samples[first + i] += envelope * math.sin(2 * math.pi * freq * t)
    frames = b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s * VOLUME)) * 32767)) for s in samples)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(frames)
    return out.getvalue()


def _chime_file() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    base = Path(folder) if folder else Path(tempfile.gettempdir())
    path = base / "concord-alert.wav"
    data = chime_wav()
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


class AlertSound:
    """Plays the chime; ``played`` counts the times asked (tests, diagnostics)."""

    def __init__(self) -> None:
        self.played = 0
        self.backend = "beep"
        self._effect: Any = None
        try:
            # Optional: QtMultimedia needs the system's audio libraries, which an office PC or a
            # server session may lack. Without them the system beep stands in.
            from PySide6.QtMultimedia import QSoundEffect
        except (ImportError, OSError) as exc:
            log.info("alert sound: QtMultimedia unavailable (%s); using the system beep", exc)
            return
        try:
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(_chime_file())))
            effect.setVolume(0.8)
        except (OSError, RuntimeError) as exc:
            log.info("alert sound: chime unavailable (%s); using the system beep", exc)
            return
        self._effect = effect
        self.backend = "chime"

    def play(self) -> None:
        self.played += 1
        effect = self._effect
        if effect is not None and effect.status() != effect.Status.Error:
            effect.play()
        else:
            QApplication.beep()
