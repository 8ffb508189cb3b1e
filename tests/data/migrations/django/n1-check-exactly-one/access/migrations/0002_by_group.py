import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="permission",
            name="group",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, to="access.group"
            ),
        ),
        migrations.AlterField(
            model_name="permission",
            name="restriction",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, to="access.restriction"
            ),
        ),
        migrations.AddConstraint(
            model_name="permission",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("restriction__isnull", True), ("group__isnull", True), _negated=True
                    ),
                    models.Q(
                        ("restriction__isnull", False), ("group__isnull", False), _negated=True
                    ),
                ),
                name="restriction_or_group",
            ),
        ),
        migrations.AddConstraint(
            model_name="permission",
            constraint=models.CheckConstraint(
                check=~models.Q(note__isnull=True) | models.Q(label="x"),
                name="note_given",
            ),
        ),
        migrations.AddConstraint(
            model_name="permission",
            constraint=models.CheckConstraint(
                check=~models.Q(label__isnull=True, group__isnull=True),
                name="label_or_group",
            ),
        ),
        migrations.AddConstraint(
            model_name="permission",
            constraint=models.CheckConstraint(
                check=models.Q(restriction__isnull=False, group__isnull=False, _connector="XOR"),
                name="xor_unread",
            ),
        ),
        migrations.AddConstraint(
            model_name="permission",
            constraint=models.CheckConstraint(
                check=models.Q(
                    ("note__in", ["a", "b"]),
                    models.Q(
                        models.Q(("note__in", ["a", "b"]), _negated=True),
                        ("group__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="kind_or_no_group",
            ),
        ),
    ]
