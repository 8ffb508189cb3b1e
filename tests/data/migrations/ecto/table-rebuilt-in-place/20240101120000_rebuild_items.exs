defmodule MyApp.Repo.Migrations.RebuildItems do
  use Ecto.Migration

  def up do
    rename table(:items), to: table(:items_old)

    create table(:items) do
      add :name, :string
    end

    copy_rows()
    drop table(:items_old)
  end

  def down do
    alter table(:items) do
      modify :name, :text
    end
  end

  defp copy_rows do
    execute "INSERT INTO items (id, name) SELECT id, name FROM items_old"
  end
end
