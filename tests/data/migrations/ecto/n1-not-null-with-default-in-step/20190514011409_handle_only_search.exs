defmodule Wocky.Repo.Migrations.HandleOnlySearch do
  use Ecto.Migration

  def up do
    execute """
    UPDATE users SET name = '' WHERE name IS NULL;
    """

    alter table(:users) do
      modify :name, :string, null: false, default: ""
      modify :email, :string, null: false
    end
  end
end
