"""Public helpers for testing code built on onestop.

The fakes need no test dependency, so ``pip install "onestop[office]"`` is enough to
use them:

* :class:`InMemorySequence` — a dossier running-number source held in memory;
* :mod:`onestop.testing.portal` — ``StandInPortal``, the national portal on loopback;
* :mod:`onestop.testing.certificates` — throwaway keys and certificates;
* :mod:`onestop.testing.postgres` — a throwaway PostgreSQL cluster.

The Hypothesis strategies are :mod:`onestop.testing.strategies` (``pip install
"onestop[testing]"``), and the conformance kit :mod:`onestop.testing.conformance`.

Nothing in onestop imports this package, so installing onestop in production pulls
in no test dependency.
"""

from onestop.testing._sequence import InMemorySequence

__all__ = ["InMemorySequence"]
