"""The four roles of the portal, as Django groups, and the model permissions each needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "秘书处", _("秘书处")
    COMMITTEE_OFFICER = "专委会", _("专委会")
    COORDINATOR = "联络员", _("联络员")
    CORRESPONDENT = "通讯员", _("通讯员")


ALL_ACTIONS = ("view", "add", "change", "delete")

# Model permissions per role, as "app_label.model" -> actions. Apps that land later add their
# rows with grant() in their AppConfig.ready(); sync_roles() applies whatever exists.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.SECRETARIAT: {
        "accounts.user": ("view", "add", "change"),
        "auth.group": ("view",),
        "axes.accessattempt": ("view", "delete"),
        "axes.accesslog": ("view",),
        "axes.accessfailurelog": ("view", "delete"),
    },
    Role.COMMITTEE_OFFICER: {},
    Role.COORDINATOR: {},
    Role.CORRESPONDENT: {},
}


def grant(role: str, model_label: str, actions: tuple[str, ...] = ALL_ACTIONS) -> None:
    current = ROLE_PERMISSIONS.setdefault(role, {}).get(model_label, ())
    ROLE_PERMISSIONS[role][model_label] = tuple(dict.fromkeys((*current, *actions)))


def sync_roles(apps=None) -> None:
    """Create the role groups and give each the permissions listed above (idempotent)."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    Group = registry.get_model("auth", "Group")
    Permission = registry.get_model("auth", "Permission")
    for role, models_actions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=str(role))
        wanted = []
        for model_label, actions in models_actions.items():
            app_label, model_name = model_label.split(".")
            codenames = [f"{action}_{model_name}" for action in actions]
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
        group.permissions.add(*wanted)


def sync_roles_after_migrate(sender, **kwargs):
    # Run once per migrate, after the last app: the signal fires for every app config.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and sender.label == with_models[-1].label:
        sync_roles()


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(user, "_role_names_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names_cache = cache
    return str(role) in cache


def is_secretariat(user) -> bool:
    """Staff of the secretariat (or a superuser): they may see and do everything."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or has_role(user, Role.SECRETARIAT)
    )


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_correspondent(user) -> bool:
    return has_role(user, Role.CORRESPONDENT)


def is_committee_officer(user) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICER)
