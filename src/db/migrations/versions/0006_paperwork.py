"""#13 paperwork: the service rows of an ИППСУ, the papers of 442-ФЗ (decision, contract, urgent act); the visit
act's number and time; a trip's planned departure, return and distance; the trip of a brigade's session

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0006'
down_revision = '0004'
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
        'ippsu_services',
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('service_id', sa.Uuid(), nullable=False),
        sa.Column('volume', sa.String(length=100), nullable=False),
        sa.Column('periodicity', sa.String(length=100), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=True),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('provider', sa.String(length=300), nullable=True),
        sa.Column('done_on', sa.Date(), nullable=True),
        sa.Column('done_note', sa.Text(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_ippsu_services_case_id_support_cases')),
        sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_ippsu_services_service_id_services')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ippsu_services')),
    )
    with op.batch_alter_table('ippsu_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ippsu_services_case_id'), ['case_id'], unique=False)

    op.create_table(
        'social_papers',
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('family_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=True),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('applied_on', sa.Date(), nullable=True),
        sa.Column('form_id', sa.Uuid(), nullable=True),
        sa.Column('valid_until', sa.Date(), nullable=True),
        sa.Column('terminated_on', sa.Date(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        *_stamps(),
        sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_social_papers_case_id_support_cases')),
        sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_social_papers_family_id_families')),
        sa.ForeignKeyConstraint(['form_id'], ['dictionary_items.id'],
                                name=op.f('fk_social_papers_form_id_dictionary_items')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_social_papers_person_id_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_social_papers')),
    )
    with op.batch_alter_table('social_papers', schema=None) as batch_op:
        batch_op.create_index('ix_social_papers_family', ['family_id', 'issued_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_papers_case_id'), ['case_id'], unique=False)

    op.create_table(
        'urgent_services',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('paper_id', sa.Uuid(), nullable=False),
        sa.Column('service_id', sa.Uuid(), nullable=False),
        sa.Column('given_on', sa.Date(), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['paper_id'], ['social_papers.id'], name=op.f('fk_urgent_services_paper_id_social_papers')),
        sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_urgent_services_service_id_services')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_urgent_services')),
    )
    with op.batch_alter_table('urgent_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_urgent_services_paper_id'), ['paper_id'], unique=False)

    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('act_number', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('visit_time', sa.Time(), nullable=True))
    with op.batch_alter_table('brigade_trips', schema=None) as batch_op:
        batch_op.add_column(sa.Column('departs_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('returns_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('distance_km', sa.Integer(), nullable=True))
    # On SQLite the foreign key rides on the added column (ALTER TABLE … ADD COLUMN … REFERENCES): batch mode would
    # rebuild the journal of a million sessions (24 s on the bench database) for a column that starts empty.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE rehab_sessions ADD COLUMN trip_id CHAR(32) REFERENCES brigade_trips (id)')
    else:
        with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
            batch_op.add_column(sa.Column('trip_id', sa.Uuid(), nullable=True))
            batch_op.create_foreign_key(batch_op.f('fk_rehab_sessions_trip_id_brigade_trips'), 'brigade_trips',
                                        ['trip_id'], ['id'])
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rehab_sessions_trip_id'), ['trip_id'], unique=False)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rehab_sessions_trip_id'))
        if not sqlite:  # SQLite's key has no name (added with the column); the rebuild drops it with the column
            batch_op.drop_constraint(batch_op.f('fk_rehab_sessions_trip_id_brigade_trips'), type_='foreignkey')
        batch_op.drop_column('trip_id')
    with op.batch_alter_table('brigade_trips', schema=None) as batch_op:
        batch_op.drop_column('distance_km')
        batch_op.drop_column('returns_at')
        batch_op.drop_column('departs_at')
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.drop_column('visit_time')
        batch_op.drop_column('act_number')
    with op.batch_alter_table('urgent_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urgent_services_paper_id'))
    op.drop_table('urgent_services')
    with op.batch_alter_table('social_papers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_papers_case_id'))
        batch_op.drop_index('ix_social_papers_family')
    op.drop_table('social_papers')
    with op.batch_alter_table('ippsu_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ippsu_services_case_id'))
    op.drop_table('ippsu_services')
