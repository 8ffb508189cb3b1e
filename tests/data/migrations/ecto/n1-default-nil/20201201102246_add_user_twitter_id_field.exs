defmodule Sanbase.Repo.Migrations.AddUserTwitterIdField do
  use Ecto.Migration

  def change do
    alter table(:users) do
      add(:twitter_id, :string, default: nil, null: true)
      add(:handle, :string, default: "none")
    end

    create(unique_index(:users, [:twitter_id]))
    create(unique_index(:users, [:handle]))
  end
end
