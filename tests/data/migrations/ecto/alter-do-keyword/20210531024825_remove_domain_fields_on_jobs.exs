defmodule GroupherServer.Repo.Migrations.RemoveDomainFieldsOnJobs do
  use Ecto.Migration

  def change do
    alter(table(:cms_jobs), do: remove(:salary))
    alter(table(:cms_jobs), do: (remove(:exp); add(:company, :string, null: false)))
    alter table(:cms_jobs), do: add(:note, :string)
  end
end
