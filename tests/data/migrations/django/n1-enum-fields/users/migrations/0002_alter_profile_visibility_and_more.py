import django_enum.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="profile",
            name="visibility",
            field=django_enum.fields.EnumPositiveSmallIntegerField(choices=[(0, "Public"), (1, "Limited"), (2, "Site"), (3, "Self")], default=0),
        ),
        migrations.AddConstraint(
            model_name="profile",
            constraint=models.CheckConstraint(check=models.Q(("visibility__in", [0, 1, 2, 3])), name="users_Profile_visibility_Visibility"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="kind",
            field=django_enum.fields.EnumCharField(choices=[("tos", "Terms"), ("privacypolicy", "Privacy")], max_length=30),
        ),
        migrations.AddConstraint(
            model_name="profile",
            constraint=models.CheckConstraint(check=models.Q(("kind__in", ["privacypolicy", "tos"])), name="users_Profile_kind_Kind"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="level",
            field=models.SmallIntegerField(choices=[(0, "Low"), (1, "High")], default=0),
        ),
        migrations.AddConstraint(
            model_name="profile",
            constraint=models.CheckConstraint(check=models.Q(("level__in", [0, 1])), name="users_Profile_level"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="rank",
            field=django_enum.fields.EnumPositiveSmallIntegerField(choices=[(0, "Low"), (40000, "Huge")], default=0),
        ),
    ]
