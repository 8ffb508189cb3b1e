defmodule App.Repo.Migrations.CreateGroups do
  use Ecto.Migration

  def up do
    create table(:groups) do
      add :name, :string
    end

    alter table(:users) do
      modify :group_id, references(:groups)
      modify :team_id, references(:teams)
    end
  end

  def down do
    drop constraint(:users, "users_team_id_fkey")
    drop constraint(:users, "users_group_id_fkey")
    drop table(:groups)
  end
end
