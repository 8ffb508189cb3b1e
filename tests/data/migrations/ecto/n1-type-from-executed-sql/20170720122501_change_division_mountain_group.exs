defmodule Core.Repo.Migrations.ChangeDivisionMountainGroup do
  use Ecto.Migration

  @notes "alter table divisions alter column notes type text"

  def up do
    execute("alter table divisions alter column mountain_group type boolean using mountain_group::boolean;")
    execute(@notes)
  end

  def down do
    execute("alter table divisions alter column mountain_group type varchar(255);")
    execute("alter table divisions alter column notes type varchar(255)")
  end
end
