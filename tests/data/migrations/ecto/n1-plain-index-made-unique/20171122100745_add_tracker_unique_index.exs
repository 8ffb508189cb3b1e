defmodule Healthlocker.Repo.Migrations.AddTrackerUniqueIndex do
  use Ecto.Migration

  def change do
    drop index(:symptoms, [:user_id])
    create unique_index(:symptoms, [:user_id])
    drop index(:orders, [:email], unique: true)
    create unique_index(:orders, [:email, :tenant_id])
  end
end
