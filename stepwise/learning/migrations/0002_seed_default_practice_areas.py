from django.db import migrations

# A copy, not an import: a migration must keep meaning what it meant when it was written.
DEFAULT_PRACTICE_AREAS = [
    "Front door / MASH",
    "Assessment",
    "Child protection enquiries and conferences",
    "Child in need",
    "Children in care",
    "Care leavers",
    "Court and pre-proceedings",
    "Early help",
    "Multi-agency working",
    "Recording",
    "Supervision",
]


def seed(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    PracticeArea = apps.get_model("learning", "PracticeArea")
    for organisation in Organisation.objects.all().iterator():
        if PracticeArea.objects.filter(organisation=organisation).exists():
            continue
        PracticeArea.objects.bulk_create(
            PracticeArea(organisation=organisation, name=name, position=position)
            for position, name in enumerate(DEFAULT_PRACTICE_AREAS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_notes_and_feedback"),
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
