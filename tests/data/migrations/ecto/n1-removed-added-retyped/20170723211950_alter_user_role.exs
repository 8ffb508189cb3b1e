defmodule Bridge.Repo.Migrations.AlterUserRole do
  use Ecto.Migration

  def up do
    execute("CREATE TYPE user_role AS ENUM ('OWNER','MEMBER')")

    alter table(:users) do
      remove :role
      add :role, :user_role, null: false, default: "MEMBER"
      remove :state, :integer
      add :state, :integer, null: false, default: 1
      remove :bio
      add :bio, :text
    end
  end

  def down do
    alter table(:users) do
      remove :role
      add :role, :integer, null: false, default: 0
    end
  end
end
