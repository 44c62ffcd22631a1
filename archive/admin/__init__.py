"""Everything an archivist touches: the Django admin for the archive's records.

Archivists add and edit drafts; editors also publish, withdraw, delete and
merge (see the groups in ``archive/groups.py``). Every record keeps an edit
history through django-simple-history, shown from each change page.
"""

from archive.admin import authorities, people, review_queue, statements  # noqa: F401

# admin.site is archive.project.admin_site.ArchiveAdminSite (see INSTALLED_APPS).
