defmodule MyApp.Repo.Migrations.IsActive do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
    end
  end
end
