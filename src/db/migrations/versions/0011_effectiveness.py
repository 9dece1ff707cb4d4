"""#17 effectiveness: assessment instruments, assessments

The two default instruments (DOMAIN.md «Effectiveness») are seeded by app.effectiveness.seeding, the path that
seeds the dictionaries of new and existing databases (app.reference.seeding), not here.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-02 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('updated_by', sa.Uuid(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        'assessment_instruments',
        sa.Column('code', sa.String(length=60), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('subject', sa.String(length=10), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_instruments')),
        sa.UniqueConstraint('code', name=op.f('uq_assessment_instruments_code')),
    )
    op.create_table(
        'assessment_areas',
        sa.Column('instrument_id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(['instrument_id'], ['assessment_instruments.id'],
                                name=op.f('fk_assessment_areas_instrument_id_assessment_instruments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_areas')),
    )
    with op.batch_alter_table('assessment_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_areas_instrument_id'), ['instrument_id'], unique=False)
    op.create_table(
        'assessment_criteria',
        sa.Column('area_id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('scale_min', sa.Integer(), nullable=False),
        sa.Column('scale_max', sa.Integer(), nullable=False),
        sa.Column('labels', sa.JSON(), nullable=False),
        sa.Column('higher_is_better', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(['area_id'], ['assessment_areas.id'],
                                name=op.f('fk_assessment_criteria_area_id_assessment_areas')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_criteria')),
    )
    with op.batch_alter_table('assessment_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_criteria_area_id'), ['area_id'], unique=False)
    op.create_table(
        'assessments',
        sa.Column('instrument_id', sa.Uuid(), nullable=False),
        sa.Column('family_id', sa.Uuid(), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=True),
        sa.Column('case_id', sa.Uuid(), nullable=True),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('assessed_on', sa.Date(), nullable=False),
        sa.Column('staff_id', sa.Uuid(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=True),
        *_stamps(),
        sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_assessments_case_id_support_cases')),
        sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_assessments_family_id_families')),
        sa.ForeignKeyConstraint(['instrument_id'], ['assessment_instruments.id'],
                                name=op.f('fk_assessments_instrument_id_assessment_instruments')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_assessments_person_id_persons')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_assessments_staff_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('ix_assessments_case', ['case_id', 'assessed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_family_id'), ['family_id'], unique=False)
    op.create_table(
        'assessment_values',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('assessment_id', sa.Uuid(), nullable=False),
        sa.Column('criterion_id', sa.Uuid(), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                                name=op.f('fk_assessment_values_assessment_id_assessments')),
        sa.ForeignKeyConstraint(['criterion_id'], ['assessment_criteria.id'],
                                name=op.f('fk_assessment_values_criterion_id_assessment_criteria')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_values')),
        sa.UniqueConstraint('assessment_id', 'criterion_id', name=op.f('uq_assessment_values_assessment_id_criterion_id')),
    )
    with op.batch_alter_table('assessment_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_values_assessment_id'), ['assessment_id'], unique=False)
    # The effectiveness report finds a closed case's sessions (its delivery mode) by the case.
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rehab_sessions_case_id'), ['case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rehab_sessions_case_id'))
    op.drop_table('assessment_values')
    op.drop_table('assessments')
    op.drop_table('assessment_criteria')
    op.drop_table('assessment_areas')
    op.drop_table('assessment_instruments')
