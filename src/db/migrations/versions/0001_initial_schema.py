"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 21:05:25.492304
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('login', sa.String(length=60), nullable=False),
    sa.Column('workstation', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=True),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('dictionary_items',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=True),
    sa.Column('attrs', sa.JSON(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dictionary_items')),
    sa.UniqueConstraint('kind', 'code', name=op.f('uq_dictionary_items_kind_code'))
    )
    with op.batch_alter_table('dictionary_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dictionary_items_kind'), ['kind'], unique=False)

    op.create_table('organizations',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=120), nullable=True),
    sa.Column('inn', sa.String(length=12), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('director_name', sa.String(length=150), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations'))
    )
    op.create_table('persons',
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=True),
    sa.Column('last_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'), 'postgresql'), nullable=False),
    sa.Column('first_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'), 'postgresql'), nullable=False),
    sa.Column('middle_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'), 'postgresql'), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('snils', sa.String(length=11), nullable=True),
    sa.Column('inn', sa.String(length=12), nullable=True),
    sa.Column('oms_policy', sa.String(length=16), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("sex IN ('M', 'F')", name=op.f('ck_persons_sex')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index('ix_persons_first_name_key', ['first_name_key'], unique=False)
        batch_op.create_index('ix_persons_name_keys', ['last_name_key', 'first_name_key', 'middle_name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_snils'), ['snils'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('child_profiles',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('disability_since', sa.Date(), nullable=True),
    sa.Column('disability_until', sa.Date(), nullable=True),
    sa.Column('ipra_number', sa.String(length=40), nullable=True),
    sa.Column('ipra_date', sa.Date(), nullable=True),
    sa.Column('ipra_term', sa.String(length=12), nullable=True),
    sa.Column('ipra_until', sa.Date(), nullable=True),
    sa.Column('mse_bureau', sa.String(length=200), nullable=True),
    sa.Column('lim_self_care', sa.SmallInteger(), nullable=True),
    sa.Column('lim_mobility', sa.SmallInteger(), nullable=True),
    sa.Column('lim_orientation', sa.SmallInteger(), nullable=True),
    sa.Column('lim_communication', sa.SmallInteger(), nullable=True),
    sa.Column('lim_behaviour', sa.SmallInteger(), nullable=True),
    sa.Column('lim_learning', sa.SmallInteger(), nullable=True),
    sa.Column('lim_work', sa.SmallInteger(), nullable=True),
    sa.Column('has_ovz', sa.Boolean(), nullable=False),
    sa.Column('pmpk_number', sa.String(length=40), nullable=True),
    sa.Column('pmpk_date', sa.Date(), nullable=True),
    sa.Column('pmpk_conclusion', sa.Text(), nullable=True),
    sa.Column('health_group', sa.SmallInteger(), nullable=True),
    sa.Column('early_help_needed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('health_group BETWEEN 1 AND 5', name=op.f('ck_child_profiles_health_group')),
    sa.CheckConstraint('lim_behaviour BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_behaviour')),
    sa.CheckConstraint('lim_communication BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_communication')),
    sa.CheckConstraint('lim_learning BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_learning')),
    sa.CheckConstraint('lim_mobility BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_mobility')),
    sa.CheckConstraint('lim_orientation BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_orientation')),
    sa.CheckConstraint('lim_self_care BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_self_care')),
    sa.CheckConstraint('lim_work BETWEEN 0 AND 3', name=op.f('ck_child_profiles_lim_work')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_child_profiles_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child_profiles')),
    sa.UniqueConstraint('person_id', name=op.f('uq_child_profiles_person_id'))
    )
    op.create_table('consents',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('signer_person_id', sa.Uuid(), nullable=True),
    sa.Column('signer_name', sa.String(length=300), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('includes_health', sa.Boolean(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_consents_person_id_persons')),
    sa.ForeignKeyConstraint(['signer_person_id'], ['persons.id'], name=op.f('fk_consents_signer_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_person_id'), ['person_id'], unique=False)

    op.create_table('diagnoses',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('icd_code', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('diagnosed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_diagnoses_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnoses'))
    )
    with op.batch_alter_table('diagnoses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnoses_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_diagnoses_main_per_person', ['person_id'], unique=True, sqlite_where=sa.text('is_main AND deleted_at IS NULL'), postgresql_where=sa.text('is_main AND deleted_at IS NULL'))

    op.create_table('identity_documents',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('kind_id', sa.Uuid(), nullable=False),
    sa.Column('series', sa.String(length=20), nullable=True),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('issued_by', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['kind_id'], ['dictionary_items.id'], name=op.f('fk_identity_documents_kind_id_dictionary_items')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_identity_documents_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_documents'))
    )
    with op.batch_alter_table('identity_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_documents_person_id'), ['person_id'], unique=False)

    op.create_table('offices',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_offices_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offices'))
    )
    op.create_table('services',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('kind_id', sa.Uuid(), nullable=False),
    sa.Column('form_id', sa.Uuid(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['form_id'], ['dictionary_items.id'], name=op.f('fk_services_form_id_dictionary_items')),
    sa.ForeignKeyConstraint(['kind_id'], ['dictionary_items.id'], name=op.f('fk_services_kind_id_dictionary_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services')),
    sa.UniqueConstraint('code', name=op.f('uq_services_code'))
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_kind_id'), ['kind_id'], unique=False)

    op.create_table('brigade_trips',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('trip_date', sa.Date(), nullable=False),
    sa.Column('vehicle', sa.String(length=120), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_brigade_trips_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brigade_trips'))
    )
    with op.batch_alter_table('brigade_trips', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_brigade_trips_trip_date'), ['trip_date'], unique=False)

    op.create_table('districts',
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_districts_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_districts')),
    sa.UniqueConstraint('name', name=op.f('uq_districts_name'))
    )
    op.create_table('events',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('type_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('format_id', sa.Uuid(), nullable=False),
    sa.Column('organisers', sa.Text(), nullable=True),
    sa.Column('partners', sa.Text(), nullable=True),
    sa.Column('specialists_count', sa.Integer(), nullable=False),
    sa.Column('parents_count', sa.Integer(), nullable=False),
    sa.Column('children_count', sa.Integer(), nullable=False),
    sa.Column('others_count', sa.Integer(), nullable=False),
    sa.Column('in_person_count', sa.Integer(), nullable=False),
    sa.Column('online_count', sa.Integer(), nullable=False),
    sa.Column('districts_count', sa.Integer(), nullable=False),
    sa.Column('regions_count', sa.Integer(), nullable=False),
    sa.Column('materials', sa.Text(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['format_id'], ['dictionary_items.id'], name=op.f('fk_events_format_id_dictionary_items')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_events_office_id_offices')),
    sa.ForeignKeyConstraint(['type_id'], ['dictionary_items.id'], name=op.f('fk_events_type_id_dictionary_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_starts_on'), ['starts_on'], unique=False)

    op.create_table('staff',
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=True),
    sa.Column('position_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_staff_office_id_offices')),
    sa.ForeignKeyConstraint(['position_id'], ['dictionary_items.id'], name=op.f('fk_staff_position_id_dictionary_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_position_id'), ['position_id'], unique=False)

    op.create_table('event_files',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('stored_name', sa.String(length=200), nullable=False),
    sa.Column('original_name', sa.String(length=300), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_files_event_id_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_files'))
    )
    with op.batch_alter_table('event_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_files_event_id'), ['event_id'], unique=False)

    op.create_table('settlements',
    sa.Column('district_id', sa.Uuid(), nullable=False),
    sa.Column('municipality', sa.String(length=150), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('kind_id', sa.Uuid(), nullable=True),
    sa.Column('distance_km', sa.Double(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_settlements_district_id_districts')),
    sa.ForeignKeyConstraint(['kind_id'], ['dictionary_items.id'], name=op.f('fk_settlements_kind_id_dictionary_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements')),
    sa.UniqueConstraint('district_id', 'municipality', 'name', name=op.f('uq_settlements_district_id_municipality_name'))
    )
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlements_district_id'), ['district_id'], unique=False)

    op.create_table('trip_members',
    sa.Column('trip_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_trip_members_staff_id_staff')),
    sa.ForeignKeyConstraint(['trip_id'], ['brigade_trips.id'], name=op.f('fk_trip_members_trip_id_brigade_trips')),
    sa.PrimaryKeyConstraint('trip_id', 'staff_id', name=op.f('pk_trip_members'))
    )
    with op.batch_alter_table('trip_members', schema=None) as batch_op:
        batch_op.create_index('ix_trip_members_staff', ['staff_id', 'trip_id'], unique=False)

    op.create_table('users',
    sa.Column('login', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('password_changed_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.CheckConstraint("role IN ('admin', 'coordinator', 'specialist')", name=op.f('ck_users_role')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_users_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )
    op.create_table('families',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=320), nullable=False),
    sa.Column('title_key', sa.String(length=320).with_variant(sa.String(length=320, collation='C'), 'postgresql'), nullable=False),
    sa.Column('district_id', sa.Uuid(), nullable=True),
    sa.Column('settlement_id', sa.Uuid(), nullable=True),
    sa.Column('street', sa.String(length=200), nullable=True),
    sa.Column('house', sa.String(length=20), nullable=True),
    sa.Column('building', sa.String(length=20), nullable=True),
    sa.Column('apartment', sa.String(length=20), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('responsible_staff_id', sa.Uuid(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_families_district_id_districts')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_families_office_id_offices')),
    sa.ForeignKeyConstraint(['responsible_staff_id'], ['staff.id'], name=op.f('fk_families_responsible_staff_id_staff')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_families_settlement_id_settlements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_families'))
    )
    with op.batch_alter_table('families', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_families_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_families_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_families_responsible_staff_id'), ['responsible_staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_families_settlement_id'), ['settlement_id'], unique=False)
        batch_op.create_index('ix_families_title_key', ['title_key'], unique=False)

    op.create_table('trip_stops',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('trip_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_trip_stops_settlement_id_settlements')),
    sa.ForeignKeyConstraint(['trip_id'], ['brigade_trips.id'], name=op.f('fk_trip_stops_trip_id_brigade_trips')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trip_stops')),
    sa.UniqueConstraint('trip_id', 'position', name=op.f('uq_trip_stops_trip_id_position'))
    )
    op.create_table('user_offices',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_user_offices_office_id_offices')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_offices_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'office_id', name=op.f('pk_user_offices'))
    )
    op.create_table('event_families',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_families_event_id_events')),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_event_families_family_id_families')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_event_families_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_families')),
    sa.UniqueConstraint('event_id', 'family_id', 'person_id', name=op.f('uq_event_families_event_id_family_id_person_id'))
    )
    with op.batch_alter_table('event_families', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_families_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_families_family_id'), ['family_id'], unique=False)

    op.create_table('family_categories',
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('category_id', sa.Uuid(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason_id', sa.Uuid(), nullable=True),
    sa.Column('kdn_intake_number', sa.String(length=40), nullable=True),
    sa.Column('kdn_intake_date', sa.Date(), nullable=True),
    sa.Column('kdn_closure_number', sa.String(length=40), nullable=True),
    sa.Column('kdn_closure_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['category_id'], ['dictionary_items.id'], name=op.f('fk_family_categories_category_id_dictionary_items')),
    sa.ForeignKeyConstraint(['end_reason_id'], ['dictionary_items.id'], name=op.f('fk_family_categories_end_reason_id_dictionary_items')),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_family_categories_family_id_families')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_categories'))
    )
    with op.batch_alter_table('family_categories', schema=None) as batch_op:
        batch_op.create_index('ix_family_categories_category', ['category_id', 'started_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_categories_family_id'), ['family_id'], unique=False)

    op.create_table('family_members',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('role_id', sa.Uuid(), nullable=False),
    sa.Column('is_legal_representative', sa.Boolean(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_family_members_family_id_families')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_family_members_person_id_persons')),
    sa.ForeignKeyConstraint(['role_id'], ['dictionary_items.id'], name=op.f('fk_family_members_role_id_dictionary_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_members')),
    sa.UniqueConstraint('family_id', 'person_id', name=op.f('uq_family_members_family_id_person_id'))
    )
    with op.batch_alter_table('family_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_members_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_members_person_id'), ['person_id'], unique=False)

    op.create_table('home_visits',
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('delivery_mode_id', sa.Uuid(), nullable=True),
    sa.Column('trip_id', sa.Uuid(), nullable=True),
    sa.Column('housing', sa.Text(), nullable=True),
    sa.Column('income', sa.Text(), nullable=True),
    sa.Column('relationships', sa.Text(), nullable=True),
    sa.Column('children_condition', sa.Text(), nullable=True),
    sa.Column('conclusions', sa.Text(), nullable=True),
    sa.Column('recommendations', sa.Text(), nullable=True),
    sa.Column('next_visit_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['delivery_mode_id'], ['dictionary_items.id'], name=op.f('fk_home_visits_delivery_mode_id_dictionary_items')),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_home_visits_family_id_families')),
    sa.ForeignKeyConstraint(['trip_id'], ['brigade_trips.id'], name=op.f('fk_home_visits_trip_id_brigade_trips')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_visits'))
    )
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.create_index('ix_home_visits_family_date', ['family_id', 'visit_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_home_visits_trip_id'), ['trip_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_home_visits_visit_date'), ['visit_date'], unique=False)

    op.create_table('support_cases',
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('kind_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=True),
    sa.Column('child_person_id', sa.Uuid(), nullable=True),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closing_reason_id', sa.Uuid(), nullable=True),
    sa.Column('responsible_staff_id', sa.Uuid(), nullable=True),
    sa.Column('review_due_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['child_person_id'], ['persons.id'], name=op.f('fk_support_cases_child_person_id_persons')),
    sa.ForeignKeyConstraint(['closing_reason_id'], ['dictionary_items.id'], name=op.f('fk_support_cases_closing_reason_id_dictionary_items')),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_support_cases_family_id_families')),
    sa.ForeignKeyConstraint(['kind_id'], ['dictionary_items.id'], name=op.f('fk_support_cases_kind_id_dictionary_items')),
    sa.ForeignKeyConstraint(['responsible_staff_id'], ['staff.id'], name=op.f('fk_support_cases_responsible_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_cases'))
    )
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.create_index('ix_support_cases_dates', ['opened_on', 'closed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_cases_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_cases_responsible_staff_id'), ['responsible_staff_id'], unique=False)

    op.create_table('trip_families',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('trip_id', sa.Uuid(), nullable=False),
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('planned_work', sa.Text(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_trip_families_family_id_families')),
    sa.ForeignKeyConstraint(['trip_id'], ['brigade_trips.id'], name=op.f('fk_trip_families_trip_id_brigade_trips')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trip_families')),
    sa.UniqueConstraint('trip_id', 'family_id', name=op.f('uq_trip_families_trip_id_family_id'))
    )
    with op.batch_alter_table('trip_families', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trip_families_family_id'), ['family_id'], unique=False)

    op.create_table('case_grounds',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('ground_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_case_grounds_case_id_support_cases')),
    sa.ForeignKeyConstraint(['ground_id'], ['dictionary_items.id'], name=op.f('fk_case_grounds_ground_id_dictionary_items')),
    sa.PrimaryKeyConstraint('case_id', 'ground_id', name=op.f('pk_case_grounds'))
    )
    op.create_table('plan_items',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=True),
    sa.Column('executor_staff_id', sa.Uuid(), nullable=True),
    sa.Column('executor_agency_id', sa.Uuid(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_plan_items_case_id_support_cases')),
    sa.ForeignKeyConstraint(['executor_agency_id'], ['dictionary_items.id'], name=op.f('fk_plan_items_executor_agency_id_dictionary_items')),
    sa.ForeignKeyConstraint(['executor_staff_id'], ['staff.id'], name=op.f('fk_plan_items_executor_staff_id_staff')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_plan_items_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_items'))
    )
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_items_case_id'), ['case_id'], unique=False)

    op.create_table('rehab_sessions',
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('delivery_mode_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('is_group', sa.Boolean(), nullable=False),
    sa.Column('series_id', sa.Uuid(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('topic', sa.String(length=300), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted_at', db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_rehab_sessions_case_id_support_cases')),
    sa.ForeignKeyConstraint(['delivery_mode_id'], ['dictionary_items.id'], name=op.f('fk_rehab_sessions_delivery_mode_id_dictionary_items')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_rehab_sessions_service_id_services')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_rehab_sessions_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rehab_sessions'))
    )
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rehab_sessions_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rehab_sessions_service_id'), ['service_id'], unique=False)
        batch_op.create_index('ix_rehab_sessions_staff_start', ['staff_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_rehab_sessions_starts_at'), ['starts_at'], unique=False)

    op.create_table('visit_services',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_visit_services_person_id_persons')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_visit_services_service_id_services')),
    sa.ForeignKeyConstraint(['visit_id'], ['home_visits.id'], name=op.f('fk_visit_services_visit_id_home_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_services'))
    )
    with op.batch_alter_table('visit_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_services_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_staff',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_visit_staff_staff_id_staff')),
    sa.ForeignKeyConstraint(['visit_id'], ['home_visits.id'], name=op.f('fk_visit_staff_visit_id_home_visits')),
    sa.PrimaryKeyConstraint('visit_id', 'staff_id', name=op.f('pk_visit_staff'))
    )
    with op.batch_alter_table('visit_staff', schema=None) as batch_op:
        batch_op.create_index('ix_visit_staff_staff', ['staff_id', 'visit_id'], unique=False)

    op.create_table('session_participants',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('absence_reason_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['absence_reason_id'], ['dictionary_items.id'], name=op.f('fk_session_participants_absence_reason_id_dictionary_items')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_session_participants_person_id_persons')),
    sa.ForeignKeyConstraint(['session_id'], ['rehab_sessions.id'], name=op.f('fk_session_participants_session_id_rehab_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_participants')),
    sa.UniqueConstraint('session_id', 'person_id', name=op.f('uq_session_participants_session_id_person_id'))
    )
    with op.batch_alter_table('session_participants', schema=None) as batch_op:
        batch_op.create_index('ix_session_participants_person', ['person_id', 'session_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('session_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_session_participants_person')

    op.drop_table('session_participants')
    with op.batch_alter_table('visit_staff', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_staff_staff')

    op.drop_table('visit_staff')
    with op.batch_alter_table('visit_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_services_visit_id'))

    op.drop_table('visit_services')
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rehab_sessions_starts_at'))
        batch_op.drop_index('ix_rehab_sessions_staff_start')
        batch_op.drop_index(batch_op.f('ix_rehab_sessions_service_id'))
        batch_op.drop_index(batch_op.f('ix_rehab_sessions_series_id'))

    op.drop_table('rehab_sessions')
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_items_case_id'))

    op.drop_table('plan_items')
    op.drop_table('case_grounds')
    with op.batch_alter_table('trip_families', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trip_families_family_id'))

    op.drop_table('trip_families')
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_cases_responsible_staff_id'))
        batch_op.drop_index(batch_op.f('ix_support_cases_family_id'))
        batch_op.drop_index('ix_support_cases_dates')

    op.drop_table('support_cases')
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_visits_visit_date'))
        batch_op.drop_index(batch_op.f('ix_home_visits_trip_id'))
        batch_op.drop_index('ix_home_visits_family_date')

    op.drop_table('home_visits')
    with op.batch_alter_table('family_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_members_person_id'))
        batch_op.drop_index(batch_op.f('ix_family_members_family_id'))

    op.drop_table('family_members')
    with op.batch_alter_table('family_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_categories_family_id'))
        batch_op.drop_index('ix_family_categories_category')

    op.drop_table('family_categories')
    with op.batch_alter_table('event_families', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_families_family_id'))
        batch_op.drop_index(batch_op.f('ix_event_families_event_id'))

    op.drop_table('event_families')
    op.drop_table('user_offices')
    op.drop_table('trip_stops')
    with op.batch_alter_table('families', schema=None) as batch_op:
        batch_op.drop_index('ix_families_title_key')
        batch_op.drop_index(batch_op.f('ix_families_settlement_id'))
        batch_op.drop_index(batch_op.f('ix_families_responsible_staff_id'))
        batch_op.drop_index(batch_op.f('ix_families_office_id'))
        batch_op.drop_index(batch_op.f('ix_families_district_id'))

    op.drop_table('families')
    op.drop_table('users')
    with op.batch_alter_table('trip_members', schema=None) as batch_op:
        batch_op.drop_index('ix_trip_members_staff')

    op.drop_table('trip_members')
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlements_district_id'))

    op.drop_table('settlements')
    with op.batch_alter_table('event_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_files_event_id'))

    op.drop_table('event_files')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_position_id'))
        batch_op.drop_index(batch_op.f('ix_staff_office_id'))

    op.drop_table('staff')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_starts_on'))

    op.drop_table('events')
    op.drop_table('districts')
    with op.batch_alter_table('brigade_trips', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brigade_trips_trip_date'))

    op.drop_table('brigade_trips')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_kind_id'))

    op.drop_table('services')
    op.drop_table('offices')
    with op.batch_alter_table('identity_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_documents_person_id'))

    op.drop_table('identity_documents')
    with op.batch_alter_table('diagnoses', schema=None) as batch_op:
        batch_op.drop_index('uq_diagnoses_main_per_person', sqlite_where=sa.text('is_main AND deleted_at IS NULL'), postgresql_where=sa.text('is_main AND deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_diagnoses_person_id'))

    op.drop_table('diagnoses')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_person_id'))

    op.drop_table('consents')
    op.drop_table('child_profiles')
    op.drop_table('settings')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_snils'))
        batch_op.drop_index('ix_persons_name_keys')
        batch_op.drop_index('ix_persons_first_name_key')

    op.drop_table('persons')
    op.drop_table('organizations')
    with op.batch_alter_table('dictionary_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dictionary_items_kind'))

    op.drop_table('dictionary_items')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
