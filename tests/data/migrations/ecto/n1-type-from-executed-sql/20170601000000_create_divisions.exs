defmodule Core.Repo.Migrations.CreateDivisions do
  use Ecto.Migration

  def change do
    create table(:divisions) do
      add(:mountain_group, :string)
      add(:notes, :string)
    end
  end
end
