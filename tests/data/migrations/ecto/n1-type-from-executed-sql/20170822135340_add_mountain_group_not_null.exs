defmodule Core.Repo.Migrations.AddMountainGroupNotNull do
  use Ecto.Migration

  def change do
    alter table(:divisions) do
      modify(:mountain_group, :boolean, null: false)
      modify(:notes, :integer)
    end
  end
end
