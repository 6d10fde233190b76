"""Storage: SQLAlchemy tables, repositories, the unit of work and Alembic migrations."""

from storage.database import Database, StorageError
from storage.unit_of_work import SqlUnitOfWork

__all__ = ["Database", "SqlUnitOfWork", "StorageError"]
