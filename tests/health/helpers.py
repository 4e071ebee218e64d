"""Worked-example records for the health tests, built on the `world` fixture."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnerships.models import (
    Mou,
    MutualReport,
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionResponse,
    ReflectionRound,
)
from partnerships.models.reflection import Dimension
from tests.factories import MouFactory, ReportingScheduleFactory

TODAY = datetime.date(2026, 8, 15)


def aware(day: datetime.date, hour=12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_reflection(world, scores: dict, *, created=TODAY) -> ReflectionRound:
    """scores: {organisation: [score for statement 1, statement 2, ...]}"""
    round_ = ReflectionRound.objects.create(partnership=world.partnership, title="Annual round")
    ReflectionRound.objects.filter(pk=round_.pk).update(created_at=aware(created))
    questions = [
        ReflectionQuestion.objects.create(
            dimension=Dimension.FOUNDATION, text=f"Statement {n}", order=n
        )
        for n in range(1, 1 + max(len(s) for s in scores.values()))
    ]
    round_.questions.set(questions)
    for organisation, values in scores.items():
        response = ReflectionResponse.objects.create(round=round_, organisation=organisation)
        for question, score in zip(questions, values, strict=False):
            ReflectionAnswer.objects.create(response=response, question=question, score=score)
    return round_


def make_mou_in_force(world, *, term_end=datetime.date(2028, 12, 31)) -> Mou:
    mou = MouFactory(partnership=world.partnership, term_end=term_end)
    Mou.objects.filter(pk=mou.pk).update(status=Mou.Status.IN_FORCE, in_force_at=aware(TODAY))
    return mou


def make_reports(world, submitted: dict, *, today=TODAY):
    """Quarterly from 1 January 2026, due 30 days after each quarter; submitted:
    {organisation: [submission date of Q1, of Q2, ...] (None: not submitted)}."""
    ReportingScheduleFactory(partnership=world.partnership, today=today)
    for organisation, dates in submitted.items():
        reports = MutualReport.objects.filter(
            period__partnership=world.partnership, organisation=organisation, amends__isnull=True
        ).order_by("period__start")
        for report, day in zip(reports, dates, strict=False):
            if day is not None:
                MutualReport.objects.filter(pk=report.pk).update(
                    status=MutualReport.Status.SUBMITTED, submitted_at=aware(day)
                )


D = Decimal
