"""Rehabilitation sessions (занятия): scheduling, attendance, the week calendar and the rehabilitation card."""
