import enumfields.fields
from django.db import migrations, models

import users.enums


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Profile",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("visibility", enumfields.fields.EnumIntegerField(default=0, enum=users.enums.Visibility)),
                ("kind", enumfields.fields.EnumField(enum=users.enums.Kind, max_length=30)),
                ("level", models.IntegerField(default=0)),
                ("rank", enumfields.fields.EnumIntegerField(default=0, enum=users.enums.Rank)),
            ],
        ),
    ]
