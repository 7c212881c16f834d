"""Rules built on the domain model: fees, deadline-policy choices, validations.

``rules`` imports only :mod:`onestop.domain`. Fee schedules and ISO 9001 process
checks arrive here with the domain model of dossiers and procedures; the deadline
policies themselves are part of the pure time model in
:mod:`onestop.domain.deadline`, because the SLA clock needs them.
"""
