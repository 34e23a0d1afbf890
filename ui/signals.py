"""Emitting a signal without PySide6 6.12's ``SignalInstance.emit`` refcount bug.

In PySide6 6.12 ``SignalInstance.emit()`` returns ``True`` without taking a reference to it (so
does ``SignalInstance.disconnect()``): every call from Python drops one reference to ``True`` that
was never taken. On Python 3.11, where ``True`` is not immortal, those add up, and at interpreter
exit the last real reference goes before the last holder lets go: "Fatal Python error:
bool_dealloc: deallocating True or False". Built-in signals (``dataChanged``) are affected as well
as our own ``Signal``\\ s.

``QObject.emit(SIGNAL(signature), *args)`` - what ``SignalInstance.emit`` calls underneath, with the
same argument conversion and connection types (queued across threads) - counts its result
correctly, so our code emits through it: ``emit(self, "loadingChanged", busy)`` rather than
``self.loadingChanged.emit(busy)``. To drop a connection use ``QObject.disconnect(connection)``
(the static form, which is fine), not ``signal.disconnect(slot)``.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QMetaMethod, QObject

# (class, signal name, number of arguments) -> the SIGNAL() string QObject.emit wants.
_SIGNATURES: dict[tuple[type, str, int], str] = {}


def _signature(sender: QObject, name: str, argc: int) -> str:
    key = (type(sender), name, argc)
    found = _SIGNATURES.get(key)
    if found is not None:
        return found
    meta = sender.metaObject()
    names: list[str] = []
    # The first declaration with that many arguments: the overload SignalInstance.emit picks.
    for index in range(meta.methodCount()):
        method = meta.method(index)
        if method.methodType() != QMetaMethod.MethodType.Signal or method.name().data().decode() != name:
            continue
        signature = method.methodSignature().data().decode()
        names.append(signature)
        if method.parameterCount() == argc:
            found = _SIGNATURES[key] = SIGNAL(signature)
            return found
    if names:
        raise TypeError(
            f"{meta.className()}.{name}: no signal takes {argc} argument(s), only {', '.join(names)}"
        )
    raise AttributeError(f"{meta.className()} has no signal {name!r}")


def emit(sender: QObject, name: str, *args: object) -> None:
    """``sender.<name>.emit(*args)``, by ``QObject.emit`` (see the module docstring for why).

    Safe from any thread, like ``SignalInstance.emit``: receivers in other threads get the call
    queued. A name that is no signal of ``sender``, or the wrong number of arguments, raises and
    emits nothing.
    """
    if not sender.emit(_signature(sender, name, len(args)), *args):
        raise RuntimeError(f"{sender.metaObject().className()}.{name} could not be emitted")
